using System.Linq;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Valid layers at the limits of int, on every attribute: every size, length and product that SPEC allows
/// (each below 2³¹) reaches the planner, the kernel emitters and the docs, which must neither throw nor
/// emit code that does not compile. A length that does not fit an int is CONV019 (DiagnosticsTests).
/// </summary>
public sealed class IntLimitTests
{
    private const int Max = int.MaxValue;

    public static TheoryData<string> Layers => new()
    {
        // One huge axis, the rest 1: InputLength = OutputLength = 2³¹ − 1.
        $"Conv2D(1, 1, {Max}, 1, 1, 1)",
        $"Conv2D(1, {Max}, 1, 1, 1, 1)",
        $"Conv2D(1, 1, {Max}, 1, 1, 1, Bias = true, Activation = ConvActivation.Relu, ElementType = typeof(double))",
        $"Conv2D(1, 1, {Max}, 1, 1, 1, Unroll = ConvUnroll.Full)",
        $"Conv2D(1, 1, {Max}, 1, 1, 1, Weights = new double[] {{ 2 }})",
        $"Conv2D({Max}, 1, 1, 1, 1, 1)",
        $"Conv2D(1, 1, 1, {Max}, 1, 1, Bias = true)",
        $"Conv2D(1, 46340, 46340, 1, 1, 1)",
        $"Conv2D(1, 46340, 46340, 1, 3, 3, Padding = 1, PaddingMode = ConvPaddingMode.Reflect)",
        $"Conv2D(1, 1, {Max}, 1, 1, {Max})",
        $"Conv2D(1, 1, {Max}, 1, 1, 2, Dilation = {Max - 1})",
        $"Conv2D(1, 1, {Max}, 1, 1, 1, Stride = {Max})",
        $"Conv2D(1, 1, 1, 1, 1, 1, PaddingLeft = {Max / 2}, PaddingRight = {Max / 2})",
        $"Conv2D(1, 1, {Max - 3}, 1, 1, 3, AutoPad = ConvAutoPad.SameUpper, Stride = 2, PaddingMode = ConvPaddingMode.Circular)",
        $"ConvTranspose2D(1, 1, {Max}, 1, 1, 1)",
        $"ConvTranspose2D(1, 1, 2, 1, 1, 1, StrideW = {Max / 2})",
        $"ConvTranspose2D(1, 1, 1, 1, 1, {Max})",
        $"ConvTranspose2D(1, 1, 1, 1, 1, 2, DilationW = {Max - 1})",
        $"ConvTranspose2D(1, 1, {Max / 2}, 1, 1, 1, StrideW = 2, OutputPaddingW = 1, Bias = true)",
        $"Conv1D(1, {Max}, 1, 1)",
        $"Conv1D(1, {Max}, 1, {Max}, ElementType = typeof(double))",
        $"Conv1D(1, {Max}, 1, 1, Stride = {Max}, Bias = true)",
        $"Conv1D(1, 1, 1, 1, Padding = {Max / 2}, PaddingMode = ConvPaddingMode.Replicate)",
        $"ConvTranspose1D(1, {Max}, 1, 1, Bias = true, Activation = ConvActivation.Relu)",
        $"ConvTranspose1D(1, 2, 1, 1, Stride = {Max / 2})",
        $"Conv3D(1, {Max}, 1, 1, 1, 1, 1, 1)",
        $"Conv3D(1, 1, 1, {Max}, 1, 1, 1, 1, Bias = true)",
        $"Conv3D(1, 1, {Max}, 1, 1, 1, 1, 1, Flip = true)",
        $"Conv3D(1, {Max}, 1, 1, 1, {Max}, 1, 1)",
        $"Conv3D(1, 1290, 1290, 1290, 1, 1, 1, 1)",
        $"Conv3D(1, 1, 1, 1, 1, 1, 1, 1, PaddingT = {Max / 2})",
        $"ConvTranspose3D(1, {Max}, 1, 1, 1, 1, 1, 1)",
        $"ConvTranspose3D(1, 1, 1, {Max}, 1, 1, 1, 1, Bias = true, Activation = ConvActivation.Relu)",
        $"ConvTranspose3D(1, 2, 1, 1, 1, 1, 1, 1, StrideT = {Max / 2})",
        $"Conv3D(1, 1, 1, {Max}, 1, 1, 1, 1, Bias = true, ElementType = typeof(double), Weights = new double[] {{ 3 }})",
        $"ConvTranspose1D(1, {Max}, 1, 1, Unroll = ConvUnroll.Full, Flip = true)",
        $"Conv1D({Max}, 1, 1, 1)",
        $"ConvTranspose2D(1, 1, 1, {Max}, 1, 1)",
        $"Conv1D(2, {Max / 2}, 2, 1, Groups = 2, Bias = true, Activation = ConvActivation.Relu)",
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void ALayerAtTheLimitsOfInt_GeneratesCodeThatCompiles(string attribute)
    {
        var source = $"using ConvGen;\n\n[{attribute}]\npublic static partial class L;\n";
        var output = GeneratorDriverHelper.Run(source);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var errors = output.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "the generator reported\n" + GeneratorDriverHelper.Format(errors));
        Assert.Single(output.LayerSources);
        var compileErrors = output.OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(compileErrors.Length == 0, "the output does not compile:\n" + GeneratorDriverHelper.Format(compileErrors));
    }
}
