import { z } from "zod";

/** GPU models the planner knows. */
export const GpuType = z.enum(["H200", "H100-80GB", "A100-80GB", "A100-40GB"]);
export type GpuType = z.infer<typeof GpuType>;

export interface GpuFacts {
  /** Marketed HBM capacity in GB (10^9 bytes); the device reports a little more, so fits err safe. */
  readonly memoryGB: number;
  /** Dense (no sparsity) bf16 tensor-core peak in FLOP/s, SXM parts. */
  readonly bf16PeakFlops: number;
  /** HBM bandwidth in bytes/s (SXM parts); bounds decode throughput when serving. */
  readonly hbmBytesPerSecond: number;
  /** Default price in USD per GPU-hour when the spec gives none: an assumed on-demand cloud rate, not a quote. */
  readonly defaultPricePerGpuHourUsd: number;
}

/**
 * Vendor datasheet figures (H200/H100 SXM: 989.4 TFLOPS bf16 dense, the "1,979 TFLOPS" headline
 * is with 2:4 sparsity; A100: 312 TFLOPS; HBM 4.8, 3.35, 2.039 and 1.555 TB/s). Prices are rough mid-2025 on-demand rates and only a
 * default: pass `compute.pricePerGpuHourUsd` for a real budget.
 */
export const gpuFacts = {
  H200: {
    memoryGB: 141,
    bf16PeakFlops: 989.4e12,
    hbmBytesPerSecond: 4.8e12,
    defaultPricePerGpuHourUsd: 3.5,
  },
  "H100-80GB": {
    memoryGB: 80,
    bf16PeakFlops: 989.4e12,
    hbmBytesPerSecond: 3.35e12,
    defaultPricePerGpuHourUsd: 2.5,
  },
  "A100-80GB": {
    memoryGB: 80,
    bf16PeakFlops: 312e12,
    hbmBytesPerSecond: 2.039e12,
    defaultPricePerGpuHourUsd: 1.6,
  },
  "A100-40GB": {
    memoryGB: 40,
    bf16PeakFlops: 312e12,
    hbmBytesPerSecond: 1.555e12,
    defaultPricePerGpuHourUsd: 1.2,
  },
} as const satisfies Record<GpuType, GpuFacts>;
