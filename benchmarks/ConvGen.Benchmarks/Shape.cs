namespace ConvGen.Benchmarks;

/// <summary>A layer's geometry for the baselines (runtime values, so the baselines are not shape-specialized).
/// <paramref name="Dims"/> is the number of spatial axes: a 1-D layer has H = P = 1, a 2-D one T = R = 1; stride
/// and padding apply to the layer's own axes only.</summary>
public sealed record Shape(int C, int H, int W, int D, int P, int Q, int Stride = 1, int Padding = 0, int Groups = 1, bool Transposed = false,
    int T = 1, int R = 1, int Dims = 2)
{
    public int StrideT => Dims == 3 ? Stride : 1;
    public int PaddingT => Dims == 3 ? Padding : 0;
    public int StrideH => Dims >= 2 ? Stride : 1;
    public int PaddingH => Dims >= 2 ? Padding : 0;
    public int OutT => (T + 2 * PaddingT - R) / StrideT + 1;
    public int OutH => Transposed ? (H - 1) * Stride - 2 * Padding + P : (H + 2 * PaddingH - P) / StrideH + 1;
    public int OutW => Transposed ? (W - 1) * Stride - 2 * Padding + Q : (W + 2 * Padding - Q) / Stride + 1;
    public int InputLength => C * T * H * W;
    public int OutputLength => D * OutT * OutH * OutW;
    public int WeightsLength => (Transposed ? C * (D / Groups) : D * (C / Groups)) * R * P * Q;

    /// <summary>FLOPs of one Forward: 2·(multiply-adds). For a transposed layer, those of its scatter.</summary>
    public long Flops => Transposed
        ? 2L * C * H * W * (D / Groups) * P * Q
        : 2L * D * OutT * OutH * OutW * (C / Groups) * R * P * Q;

    public override string ToString() => Transposed
        ? $"T C{C} H{H} W{W}→D{D} {P}×{Q} s{Stride} p{Padding}"
        : Dims switch
        {
            1 => $"1-D C{C} W{W}→D{D} {Q}{Suffix}",
            3 => $"3-D C{C} T{T} H{H} W{W}→D{D} {R}×{P}×{Q}{Suffix}",
            _ => $"C{C} H{H} W{W}→D{D} {P}×{Q}{Suffix}",
        };

    private string Suffix => $"{(Stride > 1 ? $" s{Stride}" : "")}{(Padding > 0 ? $" p{Padding}" : "")}{(Groups > 1 ? $" g{Groups}" : "")}";
}
