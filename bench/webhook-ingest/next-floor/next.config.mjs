// The framework's floor: the smallest Next.js route handler that verifies and inserts, on the project's Next.
const config = { serverExternalPackages: ['pg', 'stripe'] }

export default config
