using System;
using System.Linq;
using ConvGen.Tests.Infrastructure;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Shapes a typo can produce: a kernel or an image tens of thousands of pixels wide. The generator runs on every
/// keystroke, so nothing it computes may visit every (position, tap) pair: these once took 172 s to generate
/// (found by the fuzz test, CONVGEN_FUZZ_SEED=1); each now takes a fraction of a second, and the expected values
/// below are worked out by hand from the shape.
/// </summary>
public sealed class HugeShapeTests
{
    [Fact]
    public void A65536WideKernel_IsGenerated_WithItsNonZeroCountInClosedForm()
    {
        // H' = 5 − 2 + 1 = 4, W' = 100000 − 65536 + 1 = 34465; no padding, so every tap of every output reads the
        // input: non-zeros = multiply-adds = D·H'·W' · C·P·Q = 3·4·34465 · 6·2·65536 = 325,252,546,560.
        var output = GeneratorDriverHelper.Run("""
            using ConvGen;
            namespace Huge;
            [Conv2D(6, 5, 100000, 3, 2, 65536)]
            public static partial class WideKernel;
            """);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var source = output.SingleLayer.Value;
        Assert.Contains("M is 413580 × 3000000 (OutputLength × InputLength) with 325252546560 non-zero entries", source, StringComparison.Ordinal);
        Assert.Contains("325252546560 multiply-adds per sample", source, StringComparison.Ordinal);
        Assert.Contains(output.GeneratorDiagnostics, d => d.Id == "CONV101");
        Assert.DoesNotContain(output.OutputDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }

    [Fact]
    public void AZeroPaddedHugeLayer_CountsOnlyTheTapsThatReachTheInput()
    {
        // W' = 70000 + 2·40000 − 65536 + 1 = 84465; output w, tap q reads input column w + q − 40000, which must lie
        // in [0, 70000). Counted twice, per tap and per input column (pairs (w, q) landing on it), from the formula.
        long perTap = 0, perColumn = 0;
        for (long q = 0; q < 65536; q++)
            perTap += Math.Max(0, Math.Min(84464, 109999 - q) - Math.Max(0, 40000 - q) + 1);
        for (long j = 0; j < 70000; j++)
            perColumn += Math.Max(0, Math.Min(84464, j + 40000) - Math.Max(0, j + 40000 - 65535) + 1);
        Assert.Equal(perTap, perColumn);
        var cols = perTap;
        var output = GeneratorDriverHelper.Run("""
            using ConvGen;
            namespace Huge;
            [Conv2D(1, 1, 70000, 1, 1, 65536, PaddingW = 40000)]
            public static partial class Padded;
            """);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        Assert.Contains($"with {cols} non-zero entries", output.SingleLayer.Value, StringComparison.Ordinal);
        Assert.Contains($"{cols} multiply-adds per sample", output.SingleLayer.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AHugeReflectPaddedLayer_IsGenerated_WithoutCountingItsMergedEntries()
    {
        // Reflection folds taps onto one input element, which only a visit of every (position, tap) pair can count:
        // 134,465 positions × 65,536 taps here, so the docs say the count is not given.
        var output = GeneratorDriverHelper.Run("""
            using ConvGen;
            namespace Huge;
            [Conv2D(1, 4, 100000, 1, 1, 65536, PaddingW = 50000, PaddingMode = ConvPaddingMode.Reflect)]
            public static partial class Reflected;
            """);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var source = output.SingleLayer.Value;
        Assert.Contains("M is 537860 × 400000", source, StringComparison.Ordinal); // H' = 4, W' = 200000 − 65536 + 1
        Assert.Contains("its non-zero entries too many to count here", source, StringComparison.Ordinal);
        Assert.DoesNotContain(output.OutputDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }

    [Fact]
    public void AWideTransposedKernel_KeepsTheScalarScatter_WithinTheStackAndILBudgets()
    {
        // Output width (5 − 1) − 1 + 46340 + 1 = 46344: its SIMD scatter would unroll 46,341 taps (a 55 MB file) and
        // stack-allocate 1.6 MB of destination rows; found by the fuzz test (CONVGEN_FUZZ_SEED=424242).
        var output = GeneratorDriverHelper.Run("""
            using ConvGen;
            namespace Huge;
            [ConvTranspose2D(4, 4, 5, 1, 1, 46341, StrideH = 2, PaddingLeft = 1)]
            public static partial class WideTransposed;
            """);
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var source = output.SingleLayer.Value;
        Assert.Contains("public const int OutputWidth = 46344;", source, StringComparison.Ordinal);
        Assert.True(source.Length < 200_000, $"generated {source.Length} characters");
        Assert.True(GeneratorDriverHelper.LargestStackAllocBytes(source) <= 256 * 1024);
        Assert.DoesNotContain(output.OutputDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
    }
}
