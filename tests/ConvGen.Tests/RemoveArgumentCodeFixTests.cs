using System.Threading.Tasks;
using ConvGen.CodeFixes;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// CONV011 → remove one of the two forms (every family: stride, dilation, output padding, padding per axis, side
/// paddings, AutoPad with explicit padding), CONV016 → remove <c>Weights = null</c>; comments kept; fix-all.
/// </summary>
public sealed class RemoveArgumentCodeFixTests
{
    private static readonly RemoveArgumentCodeFixProvider Provider = new();

    /// <summary>A layer with the given attribute, as a whole source.</summary>
    private static string Layer(string attribute) => $"using ConvGen;\n\n[{attribute}]\npublic static partial class Layer;\n";

    public static readonly TheoryData<string, string[], string, string> Cases = new()
    {
        // Stride with StrideH: on StrideH.
        {
            "Conv2D(1, 4, 4, 1, 3, 3, Stride = 2, StrideH = 1)", new[] { "Remove 'StrideH'", "Remove 'Stride'" },
            "Remove 'StrideH'", "Conv2D(1, 4, 4, 1, 3, 3, Stride = 2)"
        },
        {
            "Conv2D(1, 4, 4, 1, 3, 3, Stride = 2, StrideH = 1)", new[] { "Remove 'StrideH'", "Remove 'Stride'" },
            "Remove 'Stride'", "Conv2D(1, 4, 4, 1, 3, 3, StrideH = 1)"
        },

        // Dilation with DilationW, the per-axis form written first.
        {
            "Conv2D(1, 8, 8, 1, 3, 3, DilationW = 2, Dilation = 1)", new[] { "Remove 'DilationW'", "Remove 'Dilation'" },
            "Remove 'DilationW'", "Conv2D(1, 8, 8, 1, 3, 3, Dilation = 1)"
        },
        {
            "Conv2D(1, 8, 8, 1, 3, 3, DilationW = 2, Dilation = 1)", new[] { "Remove 'DilationW'", "Remove 'Dilation'" },
            "Remove 'Dilation'", "Conv2D(1, 8, 8, 1, 3, 3, DilationW = 2)"
        },

        // OutputPadding with OutputPaddingH.
        {
            "ConvTranspose2D(1, 4, 4, 1, 3, 3, Stride = 2, OutputPadding = 1, OutputPaddingH = 0)",
            new[] { "Remove 'OutputPaddingH'", "Remove 'OutputPadding'" },
            "Remove 'OutputPaddingH'", "ConvTranspose2D(1, 4, 4, 1, 3, 3, Stride = 2, OutputPadding = 1)"
        },
        {
            "ConvTranspose2D(1, 4, 4, 1, 3, 3, Stride = 2, OutputPadding = 1, OutputPaddingH = 0)",
            new[] { "Remove 'OutputPaddingH'", "Remove 'OutputPadding'" },
            "Remove 'OutputPadding'", "ConvTranspose2D(1, 4, 4, 1, 3, 3, Stride = 2, OutputPaddingH = 0)"
        },

        // Padding with PaddingH.
        {
            "Conv2D(1, 4, 4, 1, 3, 3, Padding = 1, PaddingH = 0)", new[] { "Remove 'PaddingH'", "Remove 'Padding'" },
            "Remove 'Padding'", "Conv2D(1, 4, 4, 1, 3, 3, PaddingH = 0)"
        },

        // Padding with PaddingTop.
        {
            "Conv2D(1, 4, 4, 1, 3, 3, PaddingTop = 1, Padding = 1)", new[] { "Remove 'PaddingTop'", "Remove 'Padding'" },
            "Remove 'PaddingTop'", "Conv2D(1, 4, 4, 1, 3, 3, Padding = 1)"
        },

        // PaddingW with both side paddings: the sides are one form.
        {
            "Conv2D(1, 4, 4, 1, 3, 3, PaddingLeft = 1, PaddingW = 1, PaddingRight = 0)",
            new[] { "Remove 'PaddingLeft' and 'PaddingRight'", "Remove 'PaddingW'" },
            "Remove 'PaddingLeft' and 'PaddingRight'", "Conv2D(1, 4, 4, 1, 3, 3, PaddingW = 1)"
        },
        {
            "Conv2D(1, 4, 4, 1, 3, 3, PaddingLeft = 1, PaddingW = 1, PaddingRight = 0)",
            new[] { "Remove 'PaddingLeft' and 'PaddingRight'", "Remove 'PaddingW'" },
            "Remove 'PaddingW'", "Conv2D(1, 4, 4, 1, 3, 3, PaddingLeft = 1, PaddingRight = 0)"
        },

        // AutoPad with explicit paddings: every explicit padding is the other form.
        {
            "Conv2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.SameUpper, PaddingTop = 1, PaddingBottom = 1)",
            new[] { "Remove 'PaddingTop' and 'PaddingBottom'", "Remove 'AutoPad'" },
            "Remove 'PaddingTop' and 'PaddingBottom'", "Conv2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.SameUpper)"
        },
        {
            "Conv2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.SameUpper, PaddingTop = 1, PaddingBottom = 1)",
            new[] { "Remove 'PaddingTop' and 'PaddingBottom'", "Remove 'AutoPad'" },
            "Remove 'AutoPad'", "Conv2D(1, 4, 4, 1, 3, 3, PaddingTop = 1, PaddingBottom = 1)"
        },
        {
            // Two diagnostics (AutoPad on Padding; Padding with PaddingW); the first is AutoPad's.
            "Conv2D(1, 4, 4, 1, 3, 3, Padding = 1, AutoPad = ConvAutoPad.Valid, PaddingW = 0)",
            new[] { "Remove 'Padding' and 'PaddingW'", "Remove 'AutoPad'" },
            "Remove 'Padding' and 'PaddingW'", "Conv2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.Valid)"
        },

        // Stride with both per-axis forms: removing Stride settles both diagnostics.
        {
            "Conv2D(1, 4, 4, 1, 3, 3, Stride = 1, StrideH = 2, StrideW = 1)", new[] { "Remove 'StrideH'", "Remove 'Stride'" },
            "Remove 'Stride'", "Conv2D(1, 4, 4, 1, 3, 3, StrideH = 2, StrideW = 1)"
        },

        // Block comments on one line.
        {
            "Conv2D(1, 4, 4, 1, 3, 3, /* s */ Stride = 2, StrideH = 2 /* h */)", new[] { "Remove 'StrideH'", "Remove 'Stride'" },
            "Remove 'StrideH'", "Conv2D(1, 4, 4, 1, 3, 3, /* s */ Stride = 2)"
        },

        // CONV016.
        {
            "Conv2D(1, 4, 4, 1, 3, 3, Weights = null, Bias = true)", new[] { "Remove 'Weights = null'" },
            "Remove 'Weights = null'", "Conv2D(1, 4, 4, 1, 3, 3, Bias = true)"
        },
        {
            "Conv2D(1, 4, 4, 1, 3, 3, Bias = true, Weights = null)", new[] { "Remove 'Weights = null'" },
            "Remove 'Weights = null'", "Conv2D(1, 4, 4, 1, 3, 3, Bias = true)"
        },

        // CONV040: a parameter of another activation.
        {
            "Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Relu6, ClipMax = 6)", new[] { "Remove 'ClipMax'" },
            "Remove 'ClipMax'", "Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Relu6)"
        },
        {
            "Conv1D(1, 4, 1, 3, ActivationAlpha = 0.1, Bias = true)", new[] { "Remove 'ActivationAlpha'" },
            "Remove 'ActivationAlpha'", "Conv1D(1, 4, 1, 3, Bias = true)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task RemovesTheChosenForm(string attribute, string[] titles, string apply, string expected) =>
        CodeFixHarness.VerifyAsync(Provider, Layer(attribute), Layer(expected), titles, apply);

    [Fact]
    public Task TheSecondDiagnosticOfAnAttribute_FixesThatOne() => CodeFixHarness.VerifyAsync(Provider,
        Layer("Conv2D(1, 4, 4, 1, 3, 3, Padding = 1, AutoPad = ConvAutoPad.Valid, PaddingW = 0)"),
        Layer("Conv2D(1, 4, 4, 1, 3, 3, AutoPad = ConvAutoPad.Valid, PaddingW = 0)"),
        new[] { "Remove 'PaddingW'", "Remove 'Padding'" }, "Remove 'Padding'", diagnosticIndex: 1,
        remaining: new[] { "CONV011" }); // AutoPad with PaddingW now

    private const string OnePerLine = """
        using ConvGen;

        [Conv2D(1, 8, 8, 1, 3, 3,
            Stride = 2,     // both axes
            // rows only:
            StrideH = 1,
            Bias = true)]   // with a bias
        public static partial class Layer;
        """;

    [Fact]
    public Task OnePerLine_ASecondFormWithTheCommentAboveIt() => CodeFixHarness.VerifyAsync(Provider, OnePerLine,
        """
        using ConvGen;

        [Conv2D(1, 8, 8, 1, 3, 3,
            Stride = 2,     // both axes
            Bias = true)]   // with a bias
        public static partial class Layer;
        """,
        new[] { "Remove 'StrideH'", "Remove 'Stride'" }, "Remove 'StrideH'");

    [Fact]
    public Task OnePerLine_AFirstFormWithTheCommentAfterIt() => CodeFixHarness.VerifyAsync(Provider, OnePerLine,
        """
        using ConvGen;

        [Conv2D(1, 8, 8, 1, 3, 3,
            // rows only:
            StrideH = 1,
            Bias = true)]   // with a bias
        public static partial class Layer;
        """,
        new[] { "Remove 'StrideH'", "Remove 'Stride'" }, "Remove 'Stride'");

    [Fact]
    public Task OnePerLine_TheLastArgument_KeepsTheCommentOfTheNewLastOne() => CodeFixHarness.VerifyAsync(Provider,
        """
        using ConvGen;

        [Conv2D(1, 8, 8, 1, 3, 3,
            Stride = 2, // both axes
            StrideH = 1 /* rows */)]
        public static partial class Layer;
        """,
        """
        using ConvGen;

        [Conv2D(1, 8, 8, 1, 3, 3,
            Stride = 2 // both axes
        )]
        public static partial class Layer;
        """,
        new[] { "Remove 'StrideH'", "Remove 'Stride'" }, "Remove 'StrideH'");

    [Fact]
    public Task FixAllInDocument_TheSameFormEverywhere_EachArgumentOnce() => CodeFixHarness.VerifyFixAllAsync(Provider,
        new[]
        {
            """
            using ConvGen;

            [Conv2D(1, 4, 4, 1, 3, 3, Stride = 2, StrideH = 2)]
            public static partial class A;

            [ConvTranspose2D(1, 4, 4, 1, 3, 3, StrideW = 2, Stride = 1, StrideH = 2)]
            public static partial class B;

            [Conv2D(1, 4, 4, 1, 3, 3, Bias = true,
                Stride = 1,
                StrideW = 2)]
            public static partial class C;
            """,
        },
        new[]
        {
            """
            using ConvGen;

            [Conv2D(1, 4, 4, 1, 3, 3, StrideH = 2)]
            public static partial class A;

            [ConvTranspose2D(1, 4, 4, 1, 3, 3, StrideW = 2, StrideH = 2)]
            public static partial class B;

            [Conv2D(1, 4, 4, 1, 3, 3, Bias = true,
                StrideW = 2)]
            public static partial class C;
            """,
        },
        "Remove 'Stride'", FixAllScope.Document);
}
