using System.Linq;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Sizes written with other layers' generated constants: resolved from those layers' attributes (directly, through
/// user constants, with arithmetic, in positional and named arguments), reported when they cannot be (CONV062), when
/// they form a cycle (CONV063) or overflow (CONV019), and updated when the layer they name changes in another file.
/// </summary>
public sealed class ChainedConstantsTests
{
    private const string Chain = """
        using ConvGen;

        namespace Net;

        [Conv2D(1, 16, 16, 8, 3, 3, Padding = 1)]
        public static partial class Conv1;

        [MaxPool2D(Conv1.OutputChannels, Conv1.OutputHeight, Conv1.OutputWidth, 2, 2)]
        public static partial class Pool1;

        public static class Sizes
        {
            public const int Features = Pool1.OutputChannels * Pool1.OutputHeight * Pool1.OutputWidth;
        }

        [Conv2D(Pool1.OutputChannels, Pool1.OutputHeight, Pool1.OutputWidth, 4, 3, 3, Stride = Conv1.KernelHeight - 1, Padding = (Pool1.KernelWidth + 1) / 3, Bias = true, Activation = ConvActivation.Relu)]
        public static partial class Conv2;

        [Linear(Sizes.Features, Conv2.OutputLength % 7 + 3, ElementType = typeof(double), Weights = new double[] { 1, 2 }, Bias = true)]
        public static partial class Fc;
        """;

    private static string Constant(string source, string name) =>
        source.Split('\n').Single(l => l.Contains($"const int {name} =", System.StringComparison.Ordinal)).Trim();

    [Fact]
    public void A_chain_of_layers_resolves_and_compiles_cleanly()
    {
        GeneratorDriverHelper.AssertCompilesCleanly(Chain.Replace(", Weights = new double[] { 1, 2 }", "", System.StringComparison.Ordinal));
        var output = GeneratorDriverHelper.Run(Chain.Replace(", Weights = new double[] { 1, 2 }", "", System.StringComparison.Ordinal));
        // Constant weights are read as well: two values where 4·512 are needed is CONV015.
        var weights = GeneratorDriverHelper.Run(Chain);
        Assert.Contains(weights.GeneratorDiagnostics, d => d.Id == "CONV015" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Weights has 2 values", System.StringComparison.Ordinal));
        string Of(string type) => output.LayerSources.Single(s => s.Key.Contains("." + type + ".", System.StringComparison.Ordinal)).Value;
        Assert.Equal("public const int InputChannels = 8;", Constant(Of("Pool1"), "InputChannels"));
        Assert.Equal("public const int InputHeight = 16;", Constant(Of("Pool1"), "InputHeight"));
        // Conv2: 8×8×8 input, stride 3 − 1 = 2, padding (2 + 1) / 3 = 1 → 4×4×4 = 64 outputs.
        Assert.Equal("public const int OutputHeight = 4;", Constant(Of("Conv2"), "OutputHeight"));
        // The other named arguments of a layer whose sizes are chained are read too (the compiler binds none of them).
        Assert.Equal("public const int BiasLength = 4;", Constant(Of("Conv2"), "BiasLength"));
        Assert.Contains("relu", Of("Conv2"), System.StringComparison.OrdinalIgnoreCase);
        // Fc: 8·8·8 = 512 inputs, 64 % 7 + 3 = 4 outputs.
        Assert.Equal("public const int InputLength = 512;", Constant(Of("Fc"), "InputLength"));
        Assert.Equal("public const int OutputLength = 4;", Constant(Of("Fc"), "OutputLength"));
        Assert.Contains("ReadOnlySpan<double>", Of("Fc"), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Conv2D(Conv1.OutputDepth, 4, 4, 1, 3, 3)]", "CONV062", "'Conv1.OutputDepth' cannot be resolved: [Conv2D] generates no constant 'OutputDepth'")]
    [InlineData("[Conv2D(Plain.Size, 4, 4, 1, 3, 3)]", "CONV062", "'Plain.Size' cannot be resolved: 'Plain' has no 'Size' and carries no ConvGen layer attribute")]
    [InlineData("[Conv2D(Broken.OutputChannels, 4, 4, 1, 3, 3)]", "CONV062", "'Broken' is not a valid layer")]
    [InlineData("[Conv2D(Me.OutputChannels, 4, 4, 1, 3, 3)]", "CONV063", "'Me.OutputChannels' depends on itself: Me → Me")]
    [InlineData("[Linear(Conv1.OutputLength * 1000000000, 2)]", "CONV019", "Conv1.OutputLength * 1000000000 = 8000000000 does not fit in an int")]
    public void What_cannot_be_resolved_is_reported_on_the_argument(string attribute, string id, string message)
    {
        var source = $$"""
            using ConvGen;

            [Conv2D(1, 4, 4, 2, 3, 3)] public static partial class Conv1;
            [Conv2D(1, 2, 2, 1, 3, 3)] public static partial class Broken;
            public static class Plain { }
            {{attribute}}
            public static partial class Me;
            """;
        var output = GeneratorDriverHelper.Run(source);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var d = Assert.Single(output.GeneratorDiagnostics, d => d.Id == id);
        Assert.Contains(message, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(5, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Layers_that_use_each_other_are_a_cycle_on_both()
    {
        var source = """
            using ConvGen;

            [Conv2D(B.OutputChannels, 4, 4, 2, 3, 3)] public static partial class A;
            [Conv2D(1, 4, 4, Sizes.D, 3, 3)] public static partial class B;
            public static class Sizes { public const int D = A.InputChannels + 1; }
            """;
        var output = GeneratorDriverHelper.Run(source);
        var cycles = output.GeneratorDiagnostics.Where(d => d.Id == "CONV063").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, cycles.Length);
        Assert.Contains(cycles, m => m.Contains("A → B → Sizes.D → A", System.StringComparison.Ordinal));
        Assert.Contains(cycles, m => m.Contains("B → Sizes.D → A → B", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_the_named_layer_in_another_file_updates_the_layer_that_uses_it()
    {
        const string first = "using ConvGen;\n[Conv2D(1, 16, 16, 8, 3, 3, Padding = 1)] public static partial class Conv1;\n";
        const string second = "using ConvGen;\n[MaxPool2D(Conv1.OutputChannels, Conv1.OutputHeight, Conv1.OutputWidth, 2, 2)] public static partial class Pool1;\n";
        var driver = GeneratorDriverHelper.CreateDriver();
        var compilation = GeneratorDriverHelper.CreateCompilation(first, second);
        var before = GeneratorDriverHelper.Run(driver, compilation, out driver);
        Assert.Equal("public const int OutputHeight = 8;", Constant(before.LayerSources.Single(s => s.Key.Contains("Pool1", System.StringComparison.Ordinal)).Value, "OutputHeight"));

        var edited = CSharpSyntaxTree.ParseText(first.Replace("16, 16, 8", "12, 16, 6", System.StringComparison.Ordinal), GeneratorDriverHelper.ParseOptions, GeneratorDriverHelper.PathOf(0));
        compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(), edited);
        var after = GeneratorDriverHelper.Run(driver, compilation, out _);
        var pool = after.LayerSources.Single(s => s.Key.Contains("Pool1", System.StringComparison.Ordinal)).Value;
        Assert.Equal("public const int InputChannels = 6;", Constant(pool, "InputChannels"));
        Assert.Equal("public const int OutputHeight = 6;", Constant(pool, "OutputHeight"));
        Assert.Empty(after.OutputDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }
}
