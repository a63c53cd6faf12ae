/** The tax ID types a customer may add, as Stripe names them, with the example Stripe publishes for each. */
export const TAX_ID_TYPES = [
  { type: 'eu_vat', label: 'EU VAT number', example: 'DE123456789' },
  { type: 'gb_vat', label: 'UK VAT number', example: 'GB123456789' },
  { type: 'ch_vat', label: 'Swiss VAT number', example: 'CHE-123.456.789 MWST' },
  { type: 'no_vat', label: 'Norwegian VAT number', example: '123456789MVA' },
  { type: 'us_ein', label: 'US Employer Identification Number', example: '12-3456789' },
  { type: 'ca_bn', label: 'Canadian Business Number', example: '123456789' },
  { type: 'au_abn', label: 'Australian Business Number', example: '12345678912' },
  { type: 'nz_gst', label: 'New Zealand GST number', example: '123456789' },
  { type: 'in_gst', label: 'Indian GST number', example: '12ABCDE3456FGZH' },
  { type: 'jp_cn', label: 'Japanese Corporate Number', example: '1234567891234' },
  { type: 'sg_uen', label: 'Singaporean UEN', example: '123456789F' },
  { type: 'za_vat', label: 'South African VAT number', example: '4123456789' },
] as const

export type TaxIdType = (typeof TAX_ID_TYPES)[number]['type']

export const TAX_ID_TYPE_NAMES = TAX_ID_TYPES.map((entry) => entry.type) as [TaxIdType, ...TaxIdType[]]

export function taxIdTypeLabel(type: string): string {
  return TAX_ID_TYPES.find((entry) => entry.type === type)?.label ?? type
}

export function taxIdExample(type: string): string | null {
  return TAX_ID_TYPES.find((entry) => entry.type === type)?.example ?? null
}
