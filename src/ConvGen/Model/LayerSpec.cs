namespace ConvGen.Model;

/// <summary>Mirrors the public ConvPaddingMode enum.</summary>
internal enum PaddingMode { Zeros = 0, Reflect = 1, Replicate = 2, Circular = 3 }

/// <summary>Mirrors the public ConvUnroll enum.</summary>
internal enum UnrollMode { Auto = 0, Full = 1 }

/// <summary>
/// The planar (two-axis) layer the kernels run on, fully resolved: every padding form reduced to four explicit amounts,
/// every default applied. <see cref="Layer.Planar"/> lowers every declared layer onto one: a 2-D layer is itself, a 1-D
/// layer is a 2-D layer with one row, a 3-D layer is the 2-D layer of one output depth slice (see there).
/// Values only, so that the incremental pipeline compares layers by content.
/// </summary>
internal sealed record LayerSpec(
    LayerKind Kind,
    int C, int H, int W, int D, int P, int Q,
    int StrideH, int StrideW,
    int DilationH, int DilationW,
    int PadTop, int PadBottom, int PadLeft, int PadRight,
    int OutputPaddingH, int OutputPaddingW,
    int Groups,
    PaddingMode PaddingMode,
    bool Bias,
    Activation Activation,
    bool Flip,
    ElementType Element,
    EquatableArray<double>? Weights,
    UnrollMode Unroll,
    bool Residual = false)
{
    public string AttributeName => Kind == LayerKind.Conv2D ? "Conv2D" : "ConvTranspose2D";
}

/// <summary>Where the generated members go: names only, never symbols.</summary>
internal sealed record TypeTarget(
    string? Namespace,
    EquatableArray<string> ContainingTypes, // each a full declaration head, e.g. "partial class Outer"
    string Keyword,                         // "partial class", "static partial class", "partial record struct", …
    string Name,                            // as C# source (keywords escaped)
    string MetadataName,                    // "App.Outer+Inner": unique per type ('+' before a nested type's name)
    EquatableArray<string> Inherited);      // generated member names a base type already has: declared `new`

/// <summary>The pipeline's output model for one annotated type.</summary>
/// <param name="ForwardOnly">Only Forward (and its kernels) is generated: a step of an imported network.</param>
internal sealed record LayerModel(TypeTarget Target, Layer Layer, bool ForwardOnly = false)
{
    /// <summary>The planar layer the kernels run on (derived, so not part of equality's cost beyond the layer).</summary>
    public LayerSpec Spec => Layer.Planar;
}
