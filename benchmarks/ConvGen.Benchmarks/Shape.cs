namespace ConvGen.Benchmarks;

/// <summary>A layer's geometry for the baselines (runtime values, so the baselines are not shape-specialized).</summary>
public sealed record Shape(int C, int H, int W, int D, int P, int Q, int Stride = 1, int Padding = 0, int Groups = 1, bool Transposed = false)
{
    public int OutH => Transposed ? (H - 1) * Stride - 2 * Padding + P : (H + 2 * Padding - P) / Stride + 1;
    public int OutW => Transposed ? (W - 1) * Stride - 2 * Padding + Q : (W + 2 * Padding - Q) / Stride + 1;
    public int InputLength => C * H * W;
    public int OutputLength => D * OutH * OutW;
    public int WeightsLength => (Transposed ? C * (D / Groups) : D * (C / Groups)) * P * Q;

    /// <summary>FLOPs of one Forward: 2·(multiply-adds). For a transposed layer, those of its scatter.</summary>
    public long Flops => Transposed
        ? 2L * C * H * W * (D / Groups) * P * Q
        : 2L * D * OutH * OutW * (C / Groups) * P * Q;

    public override string ToString() => Transposed
        ? $"T C{C} H{H} W{W}→D{D} {P}×{Q} s{Stride} p{Padding}"
        : $"C{C} H{H} W{W}→D{D} {P}×{Q}{(Stride > 1 ? $" s{Stride}" : "")}{(Padding > 0 ? $" p{Padding}" : "")}{(Groups > 1 ? $" g{Groups}" : "")}";
}
