using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConvGen.Model;

namespace ConvGen;

/// <summary>
/// The attributes and enums users write, added to every consuming compilation in post-initialization.
/// They are internal, <c>[Embedded]</c> (invisible to other compilations, so no CS0436 through
/// InternalsVisibleTo) and <c>[Conditional]</c> (no trace in the consumer's metadata).
/// </summary>
internal static class AttributeSource
{
    public const string Namespace = "ConvGen";

    public const string EnumsHint = "ConvGen.Enums.g.cs";

    /// <summary>One named property of the attributes: its name, its C# type and its summary on a layer of the given
    /// kind, or null where that kind does not declare it (giving it is then the compiler's CS0117).</summary>
    private sealed record Property(string Name, string Type, Func<LayerKindInfo, string?> Doc);

    private static string Axes(LayerKindInfo k) => k.Rank == 2 ? "both axes" : "all three axes";

    private static string? PerAxis(LayerKindInfo k, AxisNames axis, string doc) => k.Axes.Contains(axis) ? doc : null;

    /// <summary>The attribute surface: every named property, in declaration order, with the kinds that declare it.</summary>
    private static readonly Property[] Properties =
    {
        new("Stride", "int", k => k.Rank == 1 ? "Stride (default 1)."
            : $"Stride on {Axes(k)} (default 1). Not together with {string.Join(" or ", k.Axes.Select(a => $"<see cref=\"{a.Stride}\"/>"))}."),
        new("StrideT", "int", k => PerAxis(k, AxisNames.Depth, "Depth stride (default 1).")),
        new("StrideH", "int", k => PerAxis(k, AxisNames.Height, "Vertical stride (default 1).")),
        new("StrideW", "int", k => PerAxis(k, AxisNames.Width, "Horizontal stride (default 1).")),
        new("Padding", "int", k => k.Rank switch
        {
            1 => "Implicit padding on both sides (default 0).",
            2 => "Implicit padding on all four sides (default 0).",
            _ => "Implicit padding on all six sides (default 0).",
        }),
        new("PaddingT", "int", k => PerAxis(k, AxisNames.Depth, "Implicit padding at the front and back (default 0).")),
        new("PaddingH", "int", k => PerAxis(k, AxisNames.Height, "Implicit padding at the top and bottom (default 0).")),
        new("PaddingW", "int", k => PerAxis(k, AxisNames.Width, "Implicit padding at the left and right (default 0).")),
        new("PaddingFront", "int", k => PerAxis(k, AxisNames.Depth, "Padding at the front (first depth slices) only (ONNX <c>pads</c>).")),
        new("PaddingBack", "int", k => PerAxis(k, AxisNames.Depth, "Padding at the back (last depth slices) only (ONNX <c>pads</c>).")),
        new("PaddingTop", "int", k => PerAxis(k, AxisNames.Height, "Padding at the top only (ONNX <c>pads</c>).")),
        new("PaddingBottom", "int", k => PerAxis(k, AxisNames.Height, "Padding at the bottom only (ONNX <c>pads</c>).")),
        new("PaddingLeft", "int", k => "Padding at the left only (ONNX <c>pads</c>)."),
        new("PaddingRight", "int", k => "Padding at the right only (ONNX <c>pads</c>)."),
        new("AutoPad", "global::ConvGen.ConvAutoPad", k => "ONNX <c>auto_pad</c>; excludes every explicit padding amount."),
        new("Dilation", "int", k => k.Rank == 1 ? "Spacing between kernel taps (default 1)." : $"Spacing between kernel taps on {Axes(k)} (default 1)."),
        new("DilationT", "int", k => PerAxis(k, AxisNames.Depth, "Depth dilation (default 1).")),
        new("DilationH", "int", k => PerAxis(k, AxisNames.Height, "Vertical dilation (default 1).")),
        new("DilationW", "int", k => PerAxis(k, AxisNames.Width, "Horizontal dilation (default 1).")),
        new("OutputPadding", "int", k => $"[{k.TransposedName}] only: " + k.Rank switch
        {
            1 => "extra elements at the end of the output (PyTorch <c>output_padding</c>).",
            2 => "extra rows and columns at the bottom/right of the output (PyTorch <c>output_padding</c>).",
            _ => "extra slices, rows and columns at the back/bottom/right of the output (PyTorch <c>output_padding</c>).",
        }),
        new("OutputPaddingT", "int", k => PerAxis(k, AxisNames.Depth, $"[{k.TransposedName}] only: extra depth slices at the back of the output.")),
        new("OutputPaddingH", "int", k => PerAxis(k, AxisNames.Height, $"[{k.TransposedName}] only: extra rows at the bottom of the output.")),
        new("OutputPaddingW", "int", k => PerAxis(k, AxisNames.Width, $"[{k.TransposedName}] only: extra columns at the right of the output.")),
        new("Groups", "int", k => "Grouped convolution (default 1); must divide c and d. Groups == c == d is depthwise."),
        new("PaddingMode", "global::ConvGen.ConvPaddingMode", k => $"How the padding is filled (PyTorch <c>padding_mode</c>); [{k.TransposedName}]: Zeros only."),
        new("Bias", "bool", k => "Adds a bias vector of length d."),
        new("Activation", "global::ConvGen.ConvActivation", k => "Activation applied after the bias, in Forward only (PyTorch's definitions)."),
        new("ActivationAlpha", "double", k => "<see cref=\"ConvActivation.LeakyRelu\"/> only: the slope for negative inputs (default 0.01, PyTorch's <c>negative_slope</c>)."),
        new("ClipMin", "double", k => "<see cref=\"ConvActivation.Clip\"/> only: the lower bound (none if not given); at most <see cref=\"ClipMax\"/>."),
        new("ClipMax", "double", k => "<see cref=\"ConvActivation.Clip\"/> only: the upper bound (none if not given); at least <see cref=\"ClipMin\"/>."),
        new("Residual", "bool", k => "Forward takes a residual span (N samples of OutputLength, e.g. a block's shortcut) and adds it before the activation: y = activation(M·x + bias + residual). It may be the output span itself."),
        new("Flip", "bool", k => k.Rank switch
        {
            1 => "True mathematical convolution: the kernel is mirrored.",
            2 => "True mathematical convolution: the kernel is mirrored in both spatial axes.",
            _ => "True mathematical convolution: the kernel is mirrored in all three spatial axes.",
        }),
        new("ElementType", "global::System.Type?", k => "<c>typeof(float)</c> (default) or <c>typeof(double)</c>."),
        new("Weights", "double[]?", k => "Constant weights, baked into the code; the weights parameters disappear."),
        new("Unroll", "global::ConvGen.ConvUnroll", k => "Code-generation strategy."),
        new("CeilMode", "bool", k => "Output sizes rounded up (PyTorch's <c>ceil_mode</c>): a last, partial window is kept where it starts inside the input or the leading padding. Not together with <see cref=\"AutoPad\"/>."),
        new("CountIncludePad", "bool", k => "Whether the zero padding counts in an average's divisor (default true, PyTorch's <c>count_include_pad</c>; ONNX's default is false). A window past the padded end (CeilMode) never counts that part."),
    };

    /// <summary>The properties of a pooling layer (dilation for max pooling only, CountIncludePad for average pooling only).</summary>
    private static readonly HashSet<string> PoolProperties = new(StringComparer.Ordinal)
    {
        "Stride", "StrideT", "StrideH", "StrideW", "Padding", "PaddingT", "PaddingH", "PaddingW", "PaddingFront", "PaddingBack",
        "PaddingTop", "PaddingBottom", "PaddingLeft", "PaddingRight", "AutoPad", "Dilation", "DilationT", "DilationH", "DilationW",
        "CeilMode", "CountIncludePad", "ElementType",
    };

    /// <summary>A pooling layer's stride summary: an axis not given strides by its kernel size.</summary>
    private static string? PoolStride(LayerKindInfo k, string name)
    {
        if (name == "Stride")
            return k.Rank == 1 ? "Stride (default: the kernel size q)."
                : $"Stride on {Axes(k)} (default: each axis's kernel size). Not together with {string.Join(" or ", k.Axes.Select(a => $"<see cref=\"{a.Stride}\"/>"))}.";
        var axis = k.Axes.FirstOrDefault(a => a.Stride == name);
        return axis is null ? null : $"{char.ToUpperInvariant(axis.Label[0])}{axis.Label.Substring(1)} stride (default <c>{axis.Kernel}</c>, the kernel {axis.Noun.ToLowerInvariant()}).";
    }

    /// <summary>The properties of a dense layer: [Linear] declares these and no other.</summary>
    private static readonly HashSet<string> LinearProperties = new(StringComparer.Ordinal)
    {
        "Bias", "Activation", "ActivationAlpha", "ClipMin", "ClipMax", "Residual", "ElementType", "Weights", "Unroll",
    };

    /// <summary>A property's summary on an attribute of <paramref name="kind"/>, or null where that attribute does not declare it.</summary>
    private static string? DocOf(Property property, LayerKindInfo kind) =>
        kind.IsPool ? PoolDocOf(property, kind)
        : property.Name is "CeilMode" or "CountIncludePad" ? null
        : kind.IsLinear && !LinearProperties.Contains(property.Name) ? null
        : kind.IsLinear && property.Name == "Bias" ? "Adds a bias vector of length outputs."
        : property.Doc(kind);

    private static string? PoolDocOf(Property property, LayerKindInfo kind)
    {
        var name = property.Name;
        if (!PoolProperties.Contains(name)) return null;
        if (name.StartsWith("Dilation", StringComparison.Ordinal) && kind.Pool != PoolOp.Max) return null;
        if (name == "CountIncludePad" && kind.Pool != PoolOp.Average) return null;
        if (name == "Padding")
            return kind.Pool == PoolOp.Max
                ? "Implicit padding on every side (default 0; at most half the window), read as −∞."
                : "Implicit padding on every side (default 0; at most half the window), read as zeros (counted in the divisor unless <see cref=\"CountIncludePad\"/> is false).";
        return name.StartsWith("Stride", StringComparison.Ordinal) ? PoolStride(kind, name) : property.Doc(kind);
    }

    /// <summary>The names of the properties an attribute of <paramref name="kind"/> declares.</summary>
    public static IEnumerable<string> PropertyNames(LayerKindInfo kind) => Properties.Where(p => DocOf(p, kind) is not null).Select(p => p.Name);

    public static string Attribute(LayerKindInfo kind)
    {
        var (remarks, parameters) = Constructor(kind);
        var sb = new StringBuilder();
        sb.Append(Header).Append($$"""
namespace ConvGen
{
    /// <summary>{{kind.Summary}}</summary>
    /// <remarks>
    /// {{remarks}}
    /// </remarks>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    [global::System.AttributeUsage(global::System.AttributeTargets.Class | global::System.AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    [global::System.Diagnostics.Conditional("CONVGEN_USAGES")]
    internal sealed class {{kind.ClassName}} : global::System.Attribute
    {
        /// <summary>Declares the layer.</summary>

""");
        foreach (var (name, doc) in parameters)
            sb.Append($"        /// <param name=\"{name}\">{doc}</param>\n");
        sb.Append($"        public {kind.ClassName}({string.Join(", ", kind.Positional.Select(n => "int " + n))}) {{ }}\n\n");
        return Close(sb, kind);
    }

    /// <summary>The attribute's remarks (lines after the first prefixed for the doc comment) and its constructor's parameter docs, in order.</summary>
    private static (string Remarks, (string Name, string Doc)[] Parameters) Constructor(LayerKindInfo kind)
    {
        if (kind.IsLinear)
            return ("<c>inputs</c> features in, <c>outputs</c> features out; weights <c>outputs × inputs</c>, row-major (PyTorch's\n    /// " +
                    "<c>nn.Linear.weight</c>). Samples are flat spans of <c>inputs</c> (<c>outputs</c>) values, back to back.",
                new[] { ("inputs", "Input features (PyTorch's <c>in_features</c>)."), ("outputs", "Output features (PyTorch's <c>out_features</c>).") });

        string Noun(AxisNames a) => a.Noun.ToLowerInvariant();
        var sizes = string.Join("×", kind.Axes.Select(a => $"<c>{a.Size}</c>"));
        var kernels = string.Join("×", kind.Axes.Select(a => $"<c>{a.Kernel}</c>"));
        var sizeNouns = string.Join("×", kind.Axes.Select(Noun));
        var window = kind.IsPool ? "Window" : "Kernel";
        var parameters = new List<(string, string)> { ("c", kind.IsPool ? "Channels." : "Input channels.") };
        parameters.AddRange(kind.Axes.Select(a => (a.Size, $"Input {Noun(a)}.")));
        if (!kind.IsPool) parameters.Add(("d", "Output channels (filters)."));
        parameters.AddRange(kind.Axes.Select(a => (a.Kernel, $"{window} {Noun(a)}.")));
        var remarks = kind.IsPool
            ? $"Positional arguments: <c>c</c> channels (pooled one by one), {sizes} input {sizeNouns},\n    /// {kernels} window {sizeNouns}. Tensors are flat, row-major {kind.Layout} spans."
            : $"Positional arguments, named after the matrix form of a convolution: <c>c</c> input channels,\n    /// {sizes} input {sizeNouns}, <c>d</c> output channels (filters),\n    /// {kernels} kernel {sizeNouns}. Tensors are flat, row-major {kind.Layout} spans.";
        return (remarks, parameters.ToArray());
    }

    /// <summary>The named properties <paramref name="kind"/> declares, and the end of the attribute's source.</summary>
    private static string Close(StringBuilder sb, LayerKindInfo kind)
    {
        foreach (var property in Properties)
        {
            if (DocOf(property, kind) is not { } doc) continue;
            sb.Append($"        /// <summary>{doc}</summary>\n");
            sb.Append($"        public {property.Type} {property.Name} {{ get; set; }}{(property.Name == "CountIncludePad" ? " = true;" : "")}\n");
        }

        sb.Append("    }\n}\n");
        return sb.ToString();
    }

    public const string OnnxModelHint = "ConvGen.OnnxModelAttribute.g.cs";

    /// <summary>[OnnxModel(path)]: a trained ONNX model, an AdditionalFiles item of the project, generated as code.</summary>
    public static readonly string OnnxModel = Header + """
namespace ConvGen
{
    /// <summary>
    /// Generates a trained ONNX model as code on this partial type: <c>InputLength</c>, <c>OutputLength</c>,
    /// <c>WorkspaceLength</c> and <c>Forward(input, output)</c> (and an overload taking the workspace) over N samples,
    /// with the weights inside the assembly.
    /// </summary>
    /// <remarks>
    /// The file must be an <c>AdditionalFiles</c> item of the project (<c>&lt;AdditionalFiles Include="Models/x.onnx" /&gt;</c>).
    /// One float32 input and one float32 output, static shapes except a leading batch axis of 1 or symbolic.
    /// </remarks>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    [global::System.AttributeUsage(global::System.AttributeTargets.Class | global::System.AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    [global::System.Diagnostics.Conditional("CONVGEN_USAGES")]
    internal sealed class OnnxModelAttribute : global::System.Attribute
    {
        /// <summary>Declares the model.</summary>
        /// <param name="path">The model file relative to the project directory (either slash), or its bare file name where that is unique among the project's .onnx files.</param>
        public OnnxModelAttribute(string path) => Path = path;

        /// <summary>The model file, as given.</summary>
        public string Path { get; }
    }
}

""";

    public const string Header = """
// <auto-generated/>
#nullable enable

""";

    public static readonly string Enums = Header + """
namespace ConvGen
{
    /// <summary>ONNX <c>auto_pad</c>.</summary>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    internal enum ConvAutoPad
    {
        /// <summary>Explicit padding (the default).</summary>
        NotSet = 0,
        /// <summary>No padding.</summary>
        Valid = 1,
        /// <summary>Output size ceil(input / stride); an odd padding pixel goes to the end (bottom/right).</summary>
        SameUpper = 2,
        /// <summary>Output size ceil(input / stride); an odd padding pixel goes to the start (top/left).</summary>
        SameLower = 3,
    }

    /// <summary>How padded positions are filled (PyTorch <c>padding_mode</c>).</summary>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    internal enum ConvPaddingMode
    {
        /// <summary>Zeros.</summary>
        Zeros = 0,
        /// <summary>Mirror without repeating the edge (needs padding smaller than the input).</summary>
        Reflect = 1,
        /// <summary>Repeat the edge.</summary>
        Replicate = 2,
        /// <summary>Wrap around (needs padding at most the input size).</summary>
        Circular = 3,
    }

    /// <summary>Activation applied by Forward after the bias.</summary>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    internal enum ConvActivation
    {
        /// <summary>None.</summary>
        None = 0,
        /// <summary>max(x, 0).</summary>
        Relu = 1,
        /// <summary>min(max(x, 0), 6).</summary>
        Relu6 = 2,
        /// <summary>x ≥ 0 ? x : α·x, α = ActivationAlpha (default 0.01).</summary>
        LeakyRelu = 3,
        /// <summary>1 / (1 + e^(−x)).</summary>
        Sigmoid = 4,
        /// <summary>tanh(x).</summary>
        Tanh = 5,
        /// <summary>x·sigmoid(x) (SiLU, also called Swish).</summary>
        Silu = 6,
        /// <summary>min(max(x/6 + 1/2, 0), 1).</summary>
        HardSigmoid = 7,
        /// <summary>x·HardSigmoid(x).</summary>
        HardSwish = 8,
        /// <summary>min(max(x, ClipMin), ClipMax); a bound not given does not clamp.</summary>
        Clip = 9,
    }

    /// <summary>Code-generation strategy.</summary>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    internal enum ConvUnroll
    {
        /// <summary>The fastest code the generator knows within its code-size budget.</summary>
        Auto = 0,
        /// <summary>Straight-line code: one expression per output element, no loops.</summary>
        Full = 1,
    }
}

""";
}
