import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, startReceiver, waitForQuiet, type Harness, type Receiver } from './helpers';
import { SCENARIOS, type Step } from './trigger-scenarios';

const SECRET = 'whsec_trigger_suite';

type Answers = Record<string, Record<string, unknown>>;

/** `${step:a.b.0.c}`: a field of an earlier answer, as the Stripe CLI's fixtures write it. */
function fill(value: unknown, answers: Answers): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+):([\w.]+)\}/g, (_match, step: string, path: string) => {
      const found = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], answers[step]);
      if (found === undefined) throw new Error(`nothing at ${step}:${path}`);
      return String(found);
    });
  }
  if (Array.isArray(value)) return value.map((entry) => fill(entry, answers));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fill(entry, answers)]));
  }
  return value;
}

async function replay(stripe: Stripe, steps: Step[]): Promise<Answers> {
  const answers: Answers = {};
  for (const step of steps) {
    const path = fill(step.path, answers) as string;
    const params = fill(step.params ?? {}, answers) as Record<string, unknown>;
    try {
      answers[step.name] = await stripe.rawRequest(step.method, path, params);
    } catch (error) {
      if (!step.expectError || (error as Stripe.errors.StripeError).rawType !== step.expectError) throw error;
    }
  }
  return answers;
}

describe('the Stripe CLI’s trigger sequences against the emulator', () => {
  let harness: Harness;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    harness = await launch({ webhookUrl: receiver.url, webhookSecret: SECRET });
  });
  afterAll(async () => {
    await harness.emulator.close();
    await receiver.close();
  });

  it.each(SCENARIOS)('$trigger records and delivers $event', async ({ event: type, subject, steps }) => {
    const { stripe, emulator } = harness;
    const answers = await replay(stripe, steps);
    const subjectId = answers[subject]?.id;
    expect(subjectId).toEqual(expect.any(String));

    const recorded = (await stripe.events.list({ type, limit: 100 })).data
      .filter((event) => (event.data.object as { id?: string }).id === subjectId);
    expect(recorded.length, `${type} for ${subjectId as string}`).toBeGreaterThan(0);

    await waitForQuiet(emulator);
    const delivered = receiver.bodies
      .map((body, i) => stripe.webhooks.constructEvent(body, receiver.signatures[i]!, SECRET))
      .filter((event) => recorded.some((candidate) => candidate.id === event.id));
    expect(delivered.map((event) => event.type)).toContain(type);
  });
});
