using System;
using ConvGen.Model;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The counts the generator states in its docs and plans with (multiply-adds, non-zeros of M), against brute force
/// written here from the SPEC's formulas: for random small layers of both kinds and every padding mode.
/// </summary>
public sealed class GeometryTests
{
    [Fact]
    public void MultiplyAddAndNonZeroCounts_MatchBruteForce()
    {
        var rng = new Random(4242);
        var checkedLayers = 0;
        while (checkedLayers < 3000)
        {
            var transpose = rng.Next(3) == 0;
            int h = rng.Next(1, 9), w = rng.Next(1, 9), p = rng.Next(1, 5), q = rng.Next(1, 5);
            int sh = rng.Next(1, 4), sw = rng.Next(1, 4), dh = rng.Next(1, 4), dw = rng.Next(1, 4);
            int pt = rng.Next(0, 4), pb = rng.Next(0, 4), pl = rng.Next(0, 4), pr = rng.Next(0, 4);
            var mode = transpose ? PaddingMode.Zeros : (PaddingMode)rng.Next(4);
            if (mode == PaddingMode.Reflect && (pt >= h || pb >= h || pl >= w || pr >= w)) continue;
            if (mode == PaddingMode.Circular && (pt > h || pb > h || pl > w || pr > w)) continue;
            int groups = rng.Next(1, 3), c = groups * rng.Next(1, 3), d = groups * rng.Next(1, 3);
            int outPadH = transpose ? rng.Next(0, Math.Max(sh, dh)) : 0, outPadW = transpose ? rng.Next(0, Math.Max(sw, dw)) : 0;

            // Gather view: destination (conv output) positions read source (conv input) positions.
            int srcH, srcW, destH, destW, destC, srcC;
            if (!transpose)
            {
                destH = (h + pt + pb - dh * (p - 1) - 1) / sh + 1;
                destW = (w + pl + pr - dw * (q - 1) - 1) / sw + 1;
                if (h + pt + pb < dh * (p - 1) + 1 || w + pl + pr < dw * (q - 1) + 1) continue;
                (srcH, srcW, destC, srcC) = (h, w, d, c);
            }
            else
            {
                srcH = (h - 1) * sh - pt - pb + dh * (p - 1) + outPadH + 1;
                srcW = (w - 1) * sw - pl - pr + dw * (q - 1) + outPadW + 1;
                if (srcH <= 0 || srcW <= 0) continue;
                (destH, destW, destC, srcC) = (h, w, c, d);
            }

            var spec = new LayerSpec(transpose ? LayerKind.ConvTranspose2D : LayerKind.Conv2D, c, h, w, d, p, q, sh, sw, dh, dw,
                pt, pb, pl, pr, outPadH, outPadW, groups, mode, false, Activation.None, false, ElementType.Double, null, UnrollMode.Auto);
            var g = new Geometry(spec);
            Assert.Equal(destH, g.DestH);
            Assert.Equal(destW, g.DestW);

            long macs = 0, nonZeros = 0;
            for (var v = 0; v < destH; v++)
                for (var x = 0; x < destW; x++)
                {
                    var taps = 0;
                    var seen = new System.Collections.Generic.HashSet<(int, int)>();
                    for (var i = 0; i < p; i++)
                        for (var j = 0; j < q; j++)
                        {
                            var r = Map(v * sh + i * dh - pt, srcH, mode);
                            var col = Map(x * sw + j * dw - pl, srcW, mode);
                            if (r < 0 || col < 0) continue;
                            taps++;
                            seen.Add((r, col));
                        }

                    macs += taps;
                    nonZeros += seen.Count;
                }

            var perPosition = (long)destC * (srcC / groups);
            Assert.Equal(perPosition * macs, g.MacsPerSample());
            Assert.Equal(perPosition * nonZeros, g.MatrixNonZeros());
            checkedLayers++;
        }
    }

    /// <summary>F.pad's modes, from their definitions: −1 for zero padding.</summary>
    private static int Map(int i, int n, PaddingMode mode)
    {
        if (i >= 0 && i < n) return i;
        return mode switch
        {
            PaddingMode.Reflect => i < 0 ? -i : 2 * (n - 1) - i,
            PaddingMode.Replicate => i < 0 ? 0 : n - 1,
            PaddingMode.Circular => ((i % n) + n) % n,
            _ => -1,
        };
    }
}
