using System;
using System.Linq;

namespace ConvGen.IntegrationTests.Pooling;

/// <summary>
/// A pooling layer's geometry with PyTorch's max_pool/avg_pool written as plain loops in double: every output
/// position's window scanned in row-major order. Independent of the generator: the output sizes, the −∞/zero padding,
/// the first-maximum rule (NaN replaces), and the divisor are written again here from PyTorch's definitions.
/// </summary>
public sealed record PoolDef(bool Max, int C, int[] Size, int[] Kernel, int[] Stride, int[] Dilation, int[] PadBegin, int[] PadEnd,
    bool Ceil = false, bool CountIncludePad = true)
{
    public static PoolDef Of(bool max, int c, int[] size, int[] kernel, int[]? stride = null, int[]? dilation = null, int[]? padBegin = null,
        int[]? padEnd = null, bool ceil = false, bool countIncludePad = true)
    {
        var rank = size.Length;
        return new PoolDef(max, c, size, kernel, stride ?? kernel, dilation ?? Ones(rank), padBegin ?? new int[rank], padEnd ?? padBegin ?? new int[rank],
            ceil, countIncludePad);
    }

    private static int[] Ones(int rank) => Enumerable.Repeat(1, rank).ToArray();

    public int Rank => Size.Length;

    /// <summary>PyTorch's pooling_output_shape_pad_lr.</summary>
    public int Output(int axis)
    {
        int span = Size[axis] + PadBegin[axis] + PadEnd[axis] - Dilation[axis] * (Kernel[axis] - 1) - 1;
        int o = (Ceil ? (span + Stride[axis] - 1) / Stride[axis] : span / Stride[axis]) + 1;
        if (Ceil && (o - 1) * Stride[axis] >= Size[axis] + PadBegin[axis]) o--;
        return o;
    }

    public int[] OutputShape => Enumerable.Range(0, Rank).Select(Output).ToArray();

    public int InputLength => C * Size.Aggregate(1, (a, b) => a * b);

    public int OutputLength => C * OutputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>For each output element of one sample: the flat input indices of its window inside the input, in scan order.</summary>
    public int[][] Windows()
    {
        var shape = OutputShape;
        var plane = Size.Aggregate(1, (a, b) => a * b);
        var windows = new int[OutputLength][];
        var o = new int[Rank];
        var at = 0;
        for (int c = 0; c < C; c++)
            for (int flat = 0; flat < shape.Aggregate(1, (a, b) => a * b); flat++)
            {
                for (int i = Rank - 1, rest = flat; i >= 0; i--) { o[i] = rest % shape[i]; rest /= shape[i]; }
                var list = new System.Collections.Generic.List<int>();
                var k = new int[Rank];
                for (int tap = 0; tap < Kernel.Aggregate(1, (a, b) => a * b); tap++)
                {
                    for (int i = Rank - 1, rest = tap; i >= 0; i--) { k[i] = rest % Kernel[i]; rest /= Kernel[i]; }
                    int index = 0;
                    bool inside = true;
                    for (int i = 0; i < Rank; i++)
                    {
                        int p = o[i] * Stride[i] + k[i] * Dilation[i] - PadBegin[i];
                        inside &= p >= 0 && p < Size[i];
                        index = index * Size[i] + p;
                    }

                    if (inside) list.Add(c * plane + index);
                }

                windows[at++] = list.ToArray();
            }

        return windows;
    }

    /// <summary>avg_pool's divide factor of each output element of one sample.</summary>
    public double[] Divisors()
    {
        var shape = OutputShape;
        var result = new double[OutputLength];
        var perPlane = shape.Aggregate(1, (a, b) => a * b);
        for (int flat = 0; flat < OutputLength; flat++)
        {
            double count = 1;
            for (int i = Rank - 1, rest = flat % perPlane; i >= 0; i--)
            {
                int o = rest % shape[i];
                rest /= shape[i];
                int start = o * Stride[i] - PadBegin[i];
                int end = Math.Min(start + Kernel[i], Size[i] + PadEnd[i]);
                count *= CountIncludePad ? end - start : Math.Min(end, Size[i]) - Math.Max(start, 0);
            }

            result[flat] = count;
        }

        return result;
    }

    /// <summary>The index the gradient of each output goes to (max pooling): the first maximum in scan order, a later NaN replacing it; −1 for an empty window.</summary>
    public int[] ArgMax(ReadOnlySpan<double> sample, int[][] windows)
    {
        var result = new int[windows.Length];
        for (int j = 0; j < windows.Length; j++)
        {
            int best = -1;
            double bestValue = double.NegativeInfinity;
            foreach (var i in windows[j])
                if (best < 0 || sample[i] > bestValue || double.IsNaN(sample[i])) { best = i; bestValue = sample[i]; }
            result[j] = best;
        }

        return result;
    }

    public double[] Forward(double[] x)
    {
        var windows = Windows();
        var divisors = Max ? null : Divisors();
        int n = x.Length / InputLength;
        var y = new double[n * OutputLength];
        for (int s = 0; s < n; s++)
        {
            var sample = x.AsSpan(s * InputLength, InputLength);
            var arg = Max ? ArgMax(sample, windows) : null;
            for (int j = 0; j < OutputLength; j++)
            {
                double sum = 0;
                foreach (var i in windows[j]) sum += sample[i];
                y[s * OutputLength + j] = Max ? (arg![j] < 0 ? double.NegativeInfinity : sample[arg[j]]) : sum / divisors![j];
            }
        }

        return y;
    }

    public double[] Backward(double[] x, double[] gy)
    {
        var windows = Windows();
        var divisors = Max ? null : Divisors();
        int n = x.Length / InputLength;
        var gx = new double[x.Length];
        for (int s = 0; s < n; s++)
        {
            var sample = x.AsSpan(s * InputLength, InputLength);
            var arg = Max ? ArgMax(sample, windows) : null;
            for (int j = 0; j < OutputLength; j++)
            {
                double g = gy[s * OutputLength + j];
                if (Max)
                {
                    if (arg![j] >= 0) gx[s * InputLength + arg[j]] += g;
                }
                else
                {
                    foreach (var i in windows[j]) gx[s * InputLength + i] += g / divisors![j];
                }
            }
        }

        return gx;
    }
}
