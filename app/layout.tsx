import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { SiteHeader } from './_components/site-header'
import './globals.css'

export const metadata: Metadata = {
  title: 'Billing Console',
  description: 'Plans, usage, invoices and billing operations for your SaaS on Stripe and Supabase.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        <main className="mx-auto max-w-5xl px-6 py-8">{children}</main>
      </body>
    </html>
  )
}
