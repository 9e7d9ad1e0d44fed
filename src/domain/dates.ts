/** An ISO date (`2026-11-25`, or a timestamp starting with one) as German readers write it: `25.11.2026`. */
export const germanDate = (iso: string) => iso.slice(0, 10).split("-").reverse().join(".");
