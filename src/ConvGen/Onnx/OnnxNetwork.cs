using ConvGen.Model;

namespace ConvGen.Onnx;

/// <summary>Where a planned tensor lives during one sample: the sample's input, its output, or the workspace.</summary>
internal enum RegionKind { Input, Output, Workspace }

/// <summary>A tensor's storage for one sample: which span, and where in it (elements).</summary>
internal readonly record struct Region(RegionKind Kind, int Offset, int Length);

/// <summary>
/// One step of an imported network, run once per sample in order: the ONNX nodes it stands for (their names, joined
/// by " + " where several fused), a one-line description of what it computes (the docs), and its multiply-adds.
/// Tensors are slots: indices into <see cref="OnnxNetwork.Slots"/>. Values only.
/// </summary>
internal abstract record NetStep(string Nodes, string Description, long Macs);

/// <summary>A convolution, transposed convolution, dense or pooling layer run by ConvGen's layer kernels (a nested
/// type per step). <paramref name="Weights"/> and <paramref name="Bias"/> are offsets into the parameters (−1: none);
/// <paramref name="Samples"/> is how many layer samples one network sample holds (a MatMul over rows).</summary>
internal sealed record LayerStep(string Nodes, string Description, long Macs, Layer Layer, int Weights, int Bias,
    int Input, int Output, int Residual, int Samples) : NetStep(Nodes, Description, Macs);

/// <summary>An element-wise function of one tensor: <paramref name="Expression"/> is a C# float expression of <c>v</c>.</summary>
internal sealed record MapStep(string Nodes, string Description, long Macs, string Expression, int Input, int Output, int Length)
    : NetStep(Nodes, Description, Macs);

/// <summary>One operand of a <see cref="BinaryStep"/>: a slot, or (Slot −1) a constant at <paramref name="Constant"/> in the
/// parameters; <paramref name="Strides"/> per output axis (0 where it broadcasts).</summary>
internal sealed record Operand(int Slot, int Constant, EquatableArray<int> Strides);

/// <summary>Add, Sub, Mul or Div with ONNX broadcasting over <paramref name="Shape"/> (the output's).</summary>
internal sealed record BinaryStep(string Nodes, string Description, long Macs, char Op, Operand A, Operand B, int Output, EquatableArray<int> Shape)
    : NetStep(Nodes, Description, Macs);

/// <summary>Softmax over the middle axis of [Outer, Axis, Inner].</summary>
internal sealed record SoftmaxStep(string Nodes, string Description, long Macs, int Input, int Output, int Outer, int Axis, int Inner)
    : NetStep(Nodes, Description, Macs);

/// <summary>Concat: for each of <paramref name="Outer"/> blocks, each input's chunk in turn.</summary>
internal sealed record ConcatStep(string Nodes, string Description, long Macs, EquatableArray<int> Inputs, EquatableArray<int> Chunks, int Outer, int Output)
    : NetStep(Nodes, Description, Macs);

/// <summary>Transpose of a tensor of <paramref name="Shape"/> by <paramref name="Perm"/>.</summary>
internal sealed record TransposeStep(string Nodes, string Description, long Macs, int Input, int Output, EquatableArray<int> Shape, EquatableArray<int> Perm)
    : NetStep(Nodes, Description, Macs);

/// <summary>Pad of a tensor of <paramref name="Shape"/>: begins then ends per axis, constant (with <paramref name="Value"/>),
/// reflect or edge (Replicate).</summary>
internal sealed record PadStep(string Nodes, string Description, long Macs, int Input, int Output, EquatableArray<int> Shape, EquatableArray<int> Pads,
    PaddingMode Mode, float Value) : NetStep(Nodes, Description, Macs);

/// <summary>A per-channel scale and shift (an inference BatchNormalization that follows no convolution).</summary>
internal sealed record AffineStep(string Nodes, string Description, long Macs, int Input, int Output, int Channels, int Plane, int Scale, int Shift)
    : NetStep(Nodes, Description, Macs);

/// <summary>A copy (the model's output is its input, or a constant).</summary>
internal sealed record CopyStep(string Nodes, string Description, long Macs, int Input, int Constant, int Output, int Length)
    : NetStep(Nodes, Description, Macs);

/// <summary>
/// An ONNX model lowered for one sample: its input and output shapes (batch axis dropped), the steps, every tensor's
/// planned region, and the parameters (weights with BatchNorm folded in, biases, constants) the steps read by offset.
/// Values only, equatable: an unchanged model costs the pipeline one comparison.
/// </summary>
internal sealed record OnnxNetwork(
    string Source,
    string Producer,
    long Opset,
    EquatableArray<int> InputShape,
    EquatableArray<int> OutputShape,
    int WorkspaceLength,
    EquatableArray<Region> Slots,
    EquatableArray<NetStep> Steps,
    EquatableArray<float> Parameters)
{
    public int InputLength => Length(InputShape);

    public int OutputLength => Length(OutputShape);

    private static int Length(EquatableArray<int> shape)
    {
        var n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }
}
