import { LocalDate } from '@/components/ui/local-date'
import { ScrollBox } from '@/components/ui/scroll-box'
import type { CronJobHealth } from '@/lib/admin/overview'

function Status({ job }: { job: CronJobHealth }) {
  if (job.lastRunAt === null) return <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">Never run</span>
  if (job.late) return <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Late</span>
  return <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800">On time</span>
}

export function OverviewCronJobs({ jobs }: { jobs: CronJobHealth[] }) {
  return (
    <ScrollBox label="Cron jobs table">
      <table className="w-full min-w-[28rem] text-left text-sm">
        <thead className="text-slate-500">
          <tr>
            <th className="py-2 font-medium">Job</th>
            <th className="py-2 font-medium">Last run</th>
            <th className="py-2 font-medium">Last success</th>
            <th className="py-2 font-medium">Status</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.job} className="border-t border-slate-100" data-testid="cron-job">
              <td className="py-2 font-mono text-xs">{job.job}</td>
              <td className="py-2">{job.lastRunAt ? <><LocalDate value={job.lastRunAt} withTime /> ({job.lastStatus})</> : '—'}</td>
              <td className="py-2">{job.lastSuccessAt ? <LocalDate value={job.lastSuccessAt} withTime /> : '—'}</td>
              <td className="py-2">
                <Status job={job} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  )
}
