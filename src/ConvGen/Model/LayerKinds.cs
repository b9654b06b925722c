using System.Linq;

namespace ConvGen.Model;

/// <summary>Every layer attribute of the contract. The first two are also the planar kinds the kernels run on.</summary>
internal enum LayerKind
{
    Conv2D, ConvTranspose2D, Conv1D, ConvTranspose1D, Conv3D, ConvTranspose3D, Linear,
    MaxPool1D, MaxPool2D, MaxPool3D, AvgPool1D, AvgPool2D, AvgPool3D,
}

/// <summary>What a pooling layer computes over each window; None for the layers with weights.</summary>
internal enum PoolOp { None, Max, Average }

/// <summary>
/// One spatial axis as the attributes name it: its positional arguments, its per-axis properties and the words the
/// diagnostics and docs use. The 1-D attributes' one axis has no per-axis forms (<c>Stride</c> is its stride).
/// </summary>
internal sealed class AxisNames
{
    private AxisNames(string letter, string size, string kernel, string noun, string kernelNoun, string label,
        bool perAxisForms, string begin, string end, string beginSide, string endSide)
    {
        Letter = letter;
        Size = size;
        Kernel = kernel;
        Noun = noun;
        KernelNoun = kernelNoun;
        Label = label;
        Stride = perAxisForms ? "Stride" + letter : null;
        Padding = perAxisForms ? "Padding" + letter : null;
        Dilation = perAxisForms ? "Dilation" + letter : null;
        OutputPadding = perAxisForms ? "OutputPadding" + letter : null;
        Begin = begin;
        End = end;
        BeginSide = beginSide;
        EndSide = endSide;
    }

    /// <summary>"T", "H" or "W": the generated constants' and the formulas' letter.</summary>
    public string Letter { get; }

    /// <summary>The positional argument of the input size ("t", "h", "w") and of the kernel size ("r", "p", "q").</summary>
    public string Size { get; }

    public string Kernel { get; }

    /// <summary>"Depth", "Height", "Width": <c>InputDepth</c>, <c>OutputHeight</c>, <c>KernelWidth</c>.</summary>
    public string Noun { get; }

    public string KernelNoun { get; }

    /// <summary>"depth", "vertical", "horizontal"; empty on a 1-D layer's only axis.</summary>
    public string Label { get; }

    /// <summary>Per-axis property names (<c>StrideH</c>, …), or null on a 1-D layer's only axis.</summary>
    public string? Stride { get; }

    public string? Padding { get; }

    public string? Dilation { get; }

    public string? OutputPadding { get; }

    /// <summary>The one-sided padding properties (<c>PaddingTop</c>, <c>PaddingBottom</c>, …) and their sides' words.</summary>
    public string Begin { get; }

    public string End { get; }

    public string BeginSide { get; }

    public string EndSide { get; }

    /// <summary>"vertical stride", or "stride" on a 1-D layer.</summary>
    public string Labelled(string what) => Label.Length == 0 ? what : Label + " " + what;

    public static readonly AxisNames Depth = new("T", "t", "r", "Depth", "Depth", "depth", true, "PaddingFront", "PaddingBack", "front", "back");
    public static readonly AxisNames Height = new("H", "h", "p", "Height", "Height", "vertical", true, "PaddingTop", "PaddingBottom", "top", "bottom");
    public static readonly AxisNames Width = new("W", "w", "q", "Width", "Width", "horizontal", true, "PaddingLeft", "PaddingRight", "left", "right");
    public static readonly AxisNames OnlyWidth = new("W", "w", "q", "Width", "Width", "", false, "PaddingLeft", "PaddingRight", "left", "right");
}

/// <summary>The table of layer attributes: one row per attribute, read by the attribute source, the parser, the
/// pipeline, the emitters and the code fixes. [Linear] is the convolution with no spatial axis (rank 0): inputs
/// channels in, outputs channels out, one position, weights outputs × inputs; its positionals are named for what they are.</summary>
internal sealed class LayerKindInfo
{
    private LayerKindInfo(LayerKind kind, bool transposed, AxisNames[] axes, string summary, PoolOp pool = PoolOp.None)
    {
        Pool = pool;
        Kind = kind;
        Name = kind.ToString();
        ClassName = Name + "Attribute";
        MetadataName = "ConvGen." + ClassName;
        Transposed = transposed;
        Axes = axes;
        Positional = kind == LayerKind.Linear ? new[] { "inputs", "outputs" }
            : pool != PoolOp.None ? new[] { "c" }.Concat(axes.Select(a => a.Size)).Concat(axes.Select(a => a.Kernel)).ToArray()
            : new[] { "c" }.Concat(axes.Select(a => a.Size)).Concat(new[] { "d" }).Concat(axes.Select(a => a.Kernel)).ToArray();
        Summary = summary;
    }

    public LayerKind Kind { get; }

    /// <summary>"Conv2D": the attribute as written, the generated file's suffix and the tracking names' prefix.</summary>
    public string Name { get; }

    public string ClassName { get; }

    public string MetadataName { get; }

    public bool Transposed { get; }

    /// <summary>[Linear]: no spatial axis, no channel or kernel constants, only the properties of a dense layer.</summary>
    public bool IsLinear => Kind == LayerKind.Linear;

    /// <summary>Max or average pooling: no weights, C channels in and out, members Forward and Backward only.</summary>
    public PoolOp Pool { get; }

    public bool IsPool => Pool != PoolOp.None;

    public int Rank => Axes.Length;

    /// <summary>The spatial axes, outermost first (T, H, W).</summary>
    public AxisNames[] Axes { get; }

    /// <summary>The constructor's parameters: c, the input sizes, d, the kernel sizes.</summary>
    public string[] Positional { get; }

    public string Summary { get; }

    /// <summary>The forward kind of the same rank named in "output padding belongs to [ConvTranspose2D]".</summary>
    public string TransposedName => Transposed ? Name : "ConvTranspose" + Name.Substring("Conv".Length);

    /// <summary>The layout of one sample: "NCW", "NCHW" or "NCDHW".</summary>
    public string Layout => Rank switch { 0 => "one vector each", 1 => "NCW", 2 => "NCHW", _ => "NCDHW" };

    public static readonly LayerKindInfo[] All =
    {
        new(LayerKind.Conv2D, false, new[] { AxisNames.Height, AxisNames.Width },
            "Generates a fixed-shape 2-D convolution (cross-correlation, as in deep learning) on this partial type: y = M·x."),
        new(LayerKind.ConvTranspose2D, true, new[] { AxisNames.Height, AxisNames.Width },
            "Generates a fixed-shape 2-D transposed convolution (PyTorch's conv_transpose2d) on this partial type."),
        new(LayerKind.Conv1D, false, new[] { AxisNames.OnlyWidth },
            "Generates a fixed-shape 1-D convolution (cross-correlation, as PyTorch's conv1d) on this partial type: y = M·x."),
        new(LayerKind.ConvTranspose1D, true, new[] { AxisNames.OnlyWidth },
            "Generates a fixed-shape 1-D transposed convolution (PyTorch's conv_transpose1d) on this partial type."),
        new(LayerKind.Conv3D, false, new[] { AxisNames.Depth, AxisNames.Height, AxisNames.Width },
            "Generates a fixed-shape 3-D convolution (cross-correlation, as PyTorch's conv3d) on this partial type: y = M·x."),
        new(LayerKind.ConvTranspose3D, true, new[] { AxisNames.Depth, AxisNames.Height, AxisNames.Width },
            "Generates a fixed-shape 3-D transposed convolution (PyTorch's conv_transpose3d) on this partial type."),
        new(LayerKind.Linear, false, new AxisNames[0],
            "Generates a fixed-size fully connected layer (PyTorch's nn.Linear) on this partial type: y = W·x + b."),
        Pooling(LayerKind.MaxPool1D, PoolOp.Max, AxisNames.OnlyWidth),
        Pooling(LayerKind.MaxPool2D, PoolOp.Max, AxisNames.Height, AxisNames.Width),
        Pooling(LayerKind.MaxPool3D, PoolOp.Max, AxisNames.Depth, AxisNames.Height, AxisNames.Width),
        Pooling(LayerKind.AvgPool1D, PoolOp.Average, AxisNames.OnlyWidth),
        Pooling(LayerKind.AvgPool2D, PoolOp.Average, AxisNames.Height, AxisNames.Width),
        Pooling(LayerKind.AvgPool3D, PoolOp.Average, AxisNames.Depth, AxisNames.Height, AxisNames.Width),
    };

    private static LayerKindInfo Pooling(LayerKind kind, PoolOp op, params AxisNames[] axes) =>
        new(kind, false, axes, $"Generates a fixed-shape {axes.Length}-D {(op == PoolOp.Max ? "max" : "average")} pooling (PyTorch's {(op == PoolOp.Max ? "max" : "avg")}_pool{axes.Length}d) on this partial type.", op);

    public static LayerKindInfo Of(LayerKind kind) => All[(int)kind];
}
