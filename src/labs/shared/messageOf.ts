/** The readable message of anything thrown (or a rejection's reason), for notices and banners. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'an unknown error';
}
