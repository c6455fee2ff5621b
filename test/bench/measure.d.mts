// Types of measure.mjs for the TypeScript benchmarks.
export declare const ROOT: string;
export declare const CLI: string;
export declare const ACCOUNT: string;
export declare const credentials: { accessKeyId: string; secretAccessKey: string };
/** `accountId: null` leaves moto's own default account (123456789012). */
export declare function startMoto(options?: {
  accountId?: string | null;
}): Promise<{ endpoint: string; stop(): void; pid: number }>;
export declare function inParallel(jobs: (() => Promise<unknown>)[]): Promise<void>;
