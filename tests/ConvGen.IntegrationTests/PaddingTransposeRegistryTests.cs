using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>
/// The padding-mode / AutoPad / [ConvTranspose2D] registry covers what it is meant to: it is part of
/// <see cref="Conv2DLayers.All"/> (so every theory runs on it), its small layers take the straight-line
/// code and its large ones (2k–60k multiply-adds, output width ≥ 16) the looped and SIMD code.
/// </summary>
public sealed class PaddingTransposeRegistryTests
{
    private const int AutoUnrollBudget = 1024; // README: straight-line code up to 1,024 multiply-adds per sample

    public static TheoryData<string> Names => [.. PaddingTransposeLayers.All.Select(c => c.Name)];

    [Fact]
    public void Registry_IsLargeEnough_AndHookedIntoTheTheories()
    {
        IReadOnlyList<LayerCase> layers = PaddingTransposeLayers.All;
        Assert.True(layers.Count >= 45, $"only {layers.Count} layers");
        Assert.True(layers.Count(IsLarge) >= 15, $"only {layers.Count(IsLarge)} large layers");
        Assert.True(layers.Count(c => c.Def.Kind == RefLayerKind.ConvTranspose2D) >= 20);
        Assert.True(layers.Count(c => c.Def.PaddingMode != RefPaddingMode.Zeros) >= 20);
        foreach (LayerCase layer in layers)
        {
            Assert.Contains(layer, Conv2DLayers.All);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Size_PicksTheIntendedCodePath(string name)
    {
        LayerCase layer = Conv2DLayers.Get(name);
        long macs = MultiplyAdds(layer);
        if (IsLarge(layer))
        {
            Assert.InRange(macs, 2_000, 60_000);
            Assert.True(layer.Def.OutW >= 16, $"{name}: output width {layer.Def.OutW} < 16");
        }
        else
        {
            Assert.InRange(macs, 1, AutoUnrollBudget);
        }
    }

    private static bool IsLarge(LayerCase layer) => layer.Name.StartsWith("Large", System.StringComparison.Ordinal);

    /// <summary>
    /// Multiply-adds per sample as the generator counts them: taps that reach an input (Conv2D) or an
    /// output (ConvTranspose2D) element, zero constant weights skipped.
    /// </summary>
    private static long MultiplyAdds(LayerCase layer)
    {
        LayerDef d = layer.Def;
        bool conv = d.Kind == RefLayerKind.Conv2D;
        int destC = conv ? d.D : d.C, perGroup = conv ? d.C / d.Groups : d.D / d.Groups;
        long total = 0;
        for (int u = 0; u < destC; u++)
        {
            for (int il = 0; il < perGroup; il++)
            {
                for (int p = 0; p < d.P; p++)
                {
                    for (int q = 0; q < d.Q; q++)
                    {
                        int kp = d.Flip ? d.P - 1 - p : p, kq = d.Flip ? d.Q - 1 - q : q;
                        if (layer.ConstantWeights is { } k && k[((u * perGroup + il) * d.P + kp) * d.Q + kq] == 0)
                        {
                            continue;
                        }

                        total += (long)ValidCount(d, conv, vertical: true, p) * ValidCount(d, conv, vertical: false, q);
                    }
                }
            }
        }

        return total;
    }

    private static int ValidCount(LayerDef d, bool conv, bool vertical, int tap)
    {
        int stride = vertical ? d.StrideH : d.StrideW, dil = vertical ? d.DilationH : d.DilationW;
        int pad = vertical ? d.PadTop : d.PadLeft, inN = vertical ? d.H : d.W, outN = vertical ? d.OutH : d.OutW;
        int count = 0;
        if (conv)
        {
            for (int v = 0; v < outN; v++)
            {
                count += ReferenceConv.SourceIndex(v * stride + tap * dil - pad, inN, d.PaddingMode) >= 0 ? 1 : 0;
            }
        }
        else
        {
            for (int i = 0; i < inN; i++)
            {
                int o = i * stride - pad + tap * dil;
                count += o >= 0 && o < outN ? 1 : 0;
            }
        }

        return count;
    }
}
