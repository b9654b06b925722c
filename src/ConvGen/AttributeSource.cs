using System.Text;

namespace ConvGen;

/// <summary>
/// The attributes and enums users write, added to every consuming compilation in post-initialization.
/// They are internal, <c>[Embedded]</c> (invisible to other compilations, so no CS0436 through
/// InternalsVisibleTo) and <c>[Conditional]</c> (no trace in the consumer's metadata).
/// </summary>
internal static class AttributeSource
{
    public const string Namespace = "ConvGen";
    public const string Conv2DName = "Conv2DAttribute";
    public const string ConvTranspose2DName = "ConvTranspose2DAttribute";
    public const string Conv2DMetadataName = Namespace + "." + Conv2DName;
    public const string ConvTranspose2DMetadataName = Namespace + "." + ConvTranspose2DName;

    public const string EnumsHint = "ConvGen.Enums.g.cs";

    public static string Attribute(string name, string summary)
    {
        var sb = new StringBuilder();
        sb.Append(Header).Append($$"""
namespace ConvGen
{
    /// <summary>{{summary}}</summary>
    /// <remarks>
    /// Positional arguments, named after the matrix form of a convolution: <c>c</c> input channels,
    /// <c>h</c>×<c>w</c> input height×width, <c>d</c> output channels (filters),
    /// <c>p</c>×<c>q</c> kernel height×width. Tensors are flat, row-major NCHW spans.
    /// </remarks>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    [global::System.AttributeUsage(global::System.AttributeTargets.Class | global::System.AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    [global::System.Diagnostics.Conditional("CONVGEN_USAGES")]
    internal sealed class {{name}} : global::System.Attribute
    {
        /// <summary>Declares the layer.</summary>
        /// <param name="c">Input channels.</param>
        /// <param name="h">Input height.</param>
        /// <param name="w">Input width.</param>
        /// <param name="d">Output channels (filters).</param>
        /// <param name="p">Kernel height.</param>
        /// <param name="q">Kernel width.</param>
        public {{name}}(int c, int h, int w, int d, int p, int q) { }

        /// <summary>Stride on both axes (default 1). Not together with <see cref="StrideH"/> or <see cref="StrideW"/>.</summary>
        public int Stride { get; set; }
        /// <summary>Vertical stride (default 1).</summary>
        public int StrideH { get; set; }
        /// <summary>Horizontal stride (default 1).</summary>
        public int StrideW { get; set; }
        /// <summary>Implicit padding on all four sides (default 0).</summary>
        public int Padding { get; set; }
        /// <summary>Implicit padding at the top and bottom (default 0).</summary>
        public int PaddingH { get; set; }
        /// <summary>Implicit padding at the left and right (default 0).</summary>
        public int PaddingW { get; set; }
        /// <summary>Padding at the top only (ONNX <c>pads</c>).</summary>
        public int PaddingTop { get; set; }
        /// <summary>Padding at the bottom only (ONNX <c>pads</c>).</summary>
        public int PaddingBottom { get; set; }
        /// <summary>Padding at the left only (ONNX <c>pads</c>).</summary>
        public int PaddingLeft { get; set; }
        /// <summary>Padding at the right only (ONNX <c>pads</c>).</summary>
        public int PaddingRight { get; set; }
        /// <summary>ONNX <c>auto_pad</c>; excludes every explicit padding amount.</summary>
        public global::ConvGen.ConvAutoPad AutoPad { get; set; }
        /// <summary>Spacing between kernel taps on both axes (default 1).</summary>
        public int Dilation { get; set; }
        /// <summary>Vertical dilation (default 1).</summary>
        public int DilationH { get; set; }
        /// <summary>Horizontal dilation (default 1).</summary>
        public int DilationW { get; set; }
        /// <summary>[ConvTranspose2D] only: extra rows and columns at the bottom/right of the output (PyTorch <c>output_padding</c>).</summary>
        public int OutputPadding { get; set; }
        /// <summary>[ConvTranspose2D] only: extra rows at the bottom of the output.</summary>
        public int OutputPaddingH { get; set; }
        /// <summary>[ConvTranspose2D] only: extra columns at the right of the output.</summary>
        public int OutputPaddingW { get; set; }
        /// <summary>Grouped convolution (default 1); must divide c and d. Groups == c == d is depthwise.</summary>
        public int Groups { get; set; }
        /// <summary>How the padding is filled (PyTorch <c>padding_mode</c>); [ConvTranspose2D]: Zeros only.</summary>
        public global::ConvGen.ConvPaddingMode PaddingMode { get; set; }
        /// <summary>Adds a bias vector of length d.</summary>
        public bool Bias { get; set; }
        /// <summary>Activation applied after the bias, in Forward only.</summary>
        public global::ConvGen.ConvActivation Activation { get; set; }
        /// <summary>True mathematical convolution: the kernel is mirrored in both spatial axes.</summary>
        public bool Flip { get; set; }
        /// <summary><c>typeof(float)</c> (default) or <c>typeof(double)</c>.</summary>
        public global::System.Type? ElementType { get; set; }
        /// <summary>Constant weights, baked into the code; the weights parameters disappear.</summary>
        public double[]? Weights { get; set; }
        /// <summary>Code-generation strategy.</summary>
        public global::ConvGen.ConvUnroll Unroll { get; set; }
    }
}

""");
        return sb.ToString();
    }

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
