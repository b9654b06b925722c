using System;
using System.Collections.Generic;

namespace ConvGen.IntegrationTests;

/// <summary>Which layer a <see cref="LayerDef"/> describes.</summary>
public enum RefLayerKind
{
    Conv2D,
    ConvTranspose2D,
}

/// <summary>How the reference pads the input (PyTorch <c>padding_mode</c> / <c>F.pad</c> modes).</summary>
public enum RefPaddingMode
{
    Zeros,
    Reflect,
    Replicate,
    Circular,
}

/// <summary>
/// The geometry of one layer, written out by hand (padding already resolved to its four sides), with
/// the derived sizes computed from the SPEC's formulas. Shares nothing with the generator.
/// </summary>
public sealed record LayerDef(RefLayerKind Kind, int C, int H, int W, int D, int P, int Q) : IRefLayer
{
    public int StrideH { get; init; } = 1;
    public int StrideW { get; init; } = 1;
    public int DilationH { get; init; } = 1;
    public int DilationW { get; init; } = 1;
    public int PadTop { get; init; }
    public int PadBottom { get; init; }
    public int PadLeft { get; init; }
    public int PadRight { get; init; }
    public int OutPadH { get; init; }
    public int OutPadW { get; init; }
    public int Groups { get; init; } = 1;
    public RefPaddingMode PaddingMode { get; init; } = RefPaddingMode.Zeros;
    public bool Bias { get; init; }
    public bool Relu { get; init; }
    public bool Flip { get; init; }

    /// <summary>Shorthand: the same stride on both axes.</summary>
    public int Stride { init { StrideH = value; StrideW = value; } }

    /// <summary>Shorthand: the same dilation on both axes.</summary>
    public int Dilation { init { DilationH = value; DilationW = value; } }

    /// <summary>Shorthand: the same padding on all four sides.</summary>
    public int Pad { init { PadTop = PadBottom = PadLeft = PadRight = value; } }

    /// <summary>Shorthand: symmetric padding at the top and bottom.</summary>
    public int PadH { init { PadTop = PadBottom = value; } }

    /// <summary>Shorthand: symmetric padding at the left and right.</summary>
    public int PadW { init { PadLeft = PadRight = value; } }

    public static LayerDef Conv(int c, int h, int w, int d, int p, int q) => new(RefLayerKind.Conv2D, c, h, w, d, p, q);

    public static LayerDef Transposed(int c, int h, int w, int d, int p, int q) => new(RefLayerKind.ConvTranspose2D, c, h, w, d, p, q);

    public int OutH => OutSize(H, PadTop, PadBottom, DilationH, P, StrideH, OutPadH);

    public int OutW => OutSize(W, PadLeft, PadRight, DilationW, Q, StrideW, OutPadW);

    public int InputLength => C * H * W;

    public int OutputLength => D * OutH * OutW;

    /// <summary>Conv2D: D × (C/G) × P × Q; ConvTranspose2D: C × (D/G) × P × Q.</summary>
    public int WeightsLength => Kind == RefLayerKind.Conv2D ? D * (C / Groups) * P * Q : C * (D / Groups) * P * Q;

    public int BiasLength => Bias ? D : 0;

    public int OutputPlane => OutH * OutW;

    public IReadOnlyList<(string Name, int Value)> Constants =>
    [
        ("InputChannels", C), ("InputHeight", H), ("InputWidth", W), ("OutputChannels", D), ("OutputHeight", OutH),
        ("OutputWidth", OutW), ("KernelHeight", P), ("KernelWidth", Q), ("InputLength", InputLength),
        ("OutputLength", OutputLength), ("WeightsLength", WeightsLength), ("BiasLength", BiasLength),
    ];

    public double[] ForwardLinear(double[] x, double[] w) => ReferenceConv.ForwardLinear(this, x, w);

    /// <summary>Multiply-adds per sample (each kernel tap of each output once, padding taps included).</summary>
    public long MultiplyAdds => (long)OutputLength * (Kind == RefLayerKind.Conv2D ? C / Groups : D / Groups) * P * Q;

    private int OutSize(int n, int padA, int padB, int dil, int k, int stride, int outPad)
    {
        if (Kind == RefLayerKind.Conv2D)
        {
            int span = n + padA + padB - dil * (k - 1) - 1;
            if (span < 0)
            {
                throw new InvalidOperationException($"{this}: empty output");
            }

            return (int)Math.Floor(span / (double)stride) + 1;
        }

        return (n - 1) * stride - padA - padB + dil * (k - 1) + outPad + 1;
    }
}
