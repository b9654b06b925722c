using System;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The generated text of a handful of small, representative layers, reviewed and kept in <c>_snapshots/</c>.
/// Each one also has to compile with no diagnostic at all. Regenerate with <c>VERIFY_AUTOVERIFY=1</c>.
/// </summary>
public sealed class SnapshotTests
{
    private static void VerifyLayer(string source, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var output = GeneratorDriverHelper.Run(source);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        Assert.True(output.GeneratorDiagnostics.IsEmpty, GeneratorDriverHelper.Format(output.GeneratorDiagnostics));
        var (hint, text) = output.SingleLayer;
        Snapshot.VerifySource(hint, text, test: test);
        GeneratorDriverHelper.AssertCompilesCleanly(source);
    }

    [Fact]
    public void PostInitialization()
    {
        // No annotated type: only the attributes, the enums, the shared guard and [Embedded].
        var output = GeneratorDriverHelper.Run("namespace Empty { internal static class Nothing { } }");
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Equal(GeneratorDriverHelper.PostInitializationHints.OrderBy(h => h, StringComparer.Ordinal), output.Sources.Keys);
        foreach (var (hint, text) in output.Sources)
            Snapshot.VerifySource(hint, text);
    }

    /// <summary>The attributes, enums and guard compile without a warning, XML documentation checks included
    /// (a consumer with GenerateDocumentationFile and TreatWarningsAsErrors sees these too).</summary>
    [Fact]
    public void PostInitialization_CompilesCleanly() =>
        GeneratorDriverHelper.AssertCompilesCleanly(includePostInitialization: true, "namespace Empty { internal static class Nothing { } }");

    [Fact]
    public void Seed() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Conv2D(1, 3, 3, 2, 2, 2)]
        public static partial class Seed;
        """);

    [Fact]
    public void SobelX() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Conv2D(1, 4, 4, 1, 3, 3, Weights = new double[] { 1, 0, -1, 2, 0, -2, 1, 0, -1 })]
        public static partial class SobelX;
        """);

    [Fact]
    public void ConstantWeightsFlipped() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        // 0.1 is not a float: the literal must be the float nearest to it.
        [Conv2D(1, 3, 4, 1, 2, 2, Flip = true, Weights = new double[] { 0.1, 0, -2, 0.5 })]
        public static partial class Flipped;
        """);

    [Fact]
    public void BiasReluPaddedStrided() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Conv2D(1, 4, 4, 2, 3, 3, Padding = 1, Stride = 2, Bias = true, Activation = ConvActivation.Relu)]
        public static partial class BiasRelu;
        """);

    [Fact]
    public void Looped() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        // 8·16·16·3·3·3 = 55,296 multiply-adds per sample: above the 1,024 unroll budget.
        [Conv2D(3, 16, 16, 8, 3, 3, Padding = 1)]
        public static partial class Stem;
        """);

    [Fact]
    public void DoubleGrouped() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Conv2D(4, 3, 3, 2, 2, 2, Groups = 2, ElementType = typeof(double))]
        public static partial class Grouped;
        """);

    [Fact]
    public void NestedRecordStruct() => VerifyLayer("""
        using ConvGen;

        namespace Vision.Layers
        {
            public partial class Network
            {
                [Conv2D(1, 3, 3, 1, 2, 2, Bias = true)]
                internal partial record struct Edge(int Tag);
            }
        }
        """);

    [Fact]
    public void Transpose() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [ConvTranspose2D(2, 3, 3, 1, 3, 3, Stride = 2, Padding = 1, OutputPadding = 1)]
        public static partial class Upsample;
        """);

    [Fact]
    public void ReflectPadding() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Conv2D(1, 5, 5, 1, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Reflect)]
        public static partial class Reflect;
        """);

    [Fact]
    public void Conv1D() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Conv1D(2, 8, 3, 3, Stride = 2, Padding = 1, Bias = true, Activation = ConvActivation.Relu)]
        public static partial class Signal;
        """);

    [Fact]
    public void Conv3D() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Conv3D(2, 4, 5, 5, 3, 3, 3, 3, Padding = 1, StrideT = 2, Bias = true)]
        public static partial class Volume;
        """);

    [Fact]
    public void ConvTranspose3D() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [ConvTranspose3D(2, 2, 3, 3, 1, 2, 2, 2, Stride = 2, Bias = true, Activation = ConvActivation.Relu)]
        public static partial class VolumeUp;
        """);

    /// <summary>SiLU and a residual fused into the vector kernels' epilogue: the Activate and Exp helpers at each width,
    /// the residual loaded beside the bias, lanes an overlapping vector already finished kept (the residual may be the output).</summary>
    [Fact]
    public void SiluResidual() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Conv2D(2, 8, 20, 4, 3, 3, Padding = 1, Bias = true, Activation = ConvActivation.Silu, Residual = true)]
        public static partial class Swish;
        """);

    /// <summary>[Linear] small enough to be straight-line: its four constants, W·x with PyTorch's layout.</summary>
    [Fact]
    public void LinearSmall() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Linear(4, 3, Bias = true)]
        public static partial class Head;
        """);

    /// <summary>[Linear] with the dense kernels: register tiles of samples × rows, the masked last vector of each row,
    /// the bias, residual and activation in the scalar epilogue; Transpose and WeightsGradient vectorized along rows.</summary>
    [Fact]
    public void LinearDense() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [Linear(100, 20, Bias = true, Residual = true, Activation = ConvActivation.Relu)]
        public static partial class Classifier;
        """);

    /// <summary>[MaxPool2D] as a digits network uses it: stride defaulting to the window, vertical max vectorized, columns
    /// one at a time; Backward to the first maximum.</summary>
    [Fact]
    public void MaxPoolDigits() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [MaxPool2D(16, 8, 8, 2, 2)]
        public static partial class Pool;
        """);

    /// <summary>[AvgPool2D] with stride 1, padding and CeilMode off: vectorized columns divided by the per-axis divisor tables.</summary>
    [Fact]
    public void AvgPoolPadded() => VerifyLayer("""
        using ConvGen;

        namespace ConvGen.Samples;

        [AvgPool2D(3, 6, 20, 3, 3, Stride = 1, Padding = 1, CountIncludePad = false)]
        public static partial class Smooth;
        """);
}
