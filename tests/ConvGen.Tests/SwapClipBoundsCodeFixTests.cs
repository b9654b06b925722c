using System.Threading.Tasks;
using ConvGen.CodeFixes;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace ConvGen.Tests;

/// <summary>CONV041 (ClipMin greater than ClipMax) → the two bounds exchange their values; comments kept; fix-all.</summary>
public sealed class SwapClipBoundsCodeFixTests
{
    private static readonly SwapClipBoundsCodeFixProvider Provider = new();

    private static string Layer(string attribute) => $"using ConvGen;\n\n[{attribute}]\npublic static partial class Layer;\n";

    [Theory]
    [InlineData("Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Clip, ClipMin = 6, ClipMax = 0)",
        "Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Clip, ClipMin = 0, ClipMax = 6)")]
    [InlineData("Conv1D(1, 8, 1, 3, ClipMax = -1.5 /* low */, Activation = ConvActivation.Clip, ClipMin = 2.0 * 3)",
        "Conv1D(1, 8, 1, 3, ClipMax = 2.0 * 3 /* low */, Activation = ConvActivation.Clip, ClipMin = -1.5)")]
    public Task SwapsTheValues(string attribute, string expected) =>
        CodeFixHarness.VerifyAsync(Provider, Layer(attribute), Layer(expected), new[] { "Swap ClipMin and ClipMax" }, "Swap ClipMin and ClipMax");

    private static string Two(string first, string second) =>
        $"using ConvGen;\n\n[Conv2D(1, 4, 4, 1, 3, 3, Activation = ConvActivation.Clip, {first})]\npublic static partial class A;\n\n" +
        $"[Conv3D(1, 4, 4, 4, 1, 3, 3, 3, Activation = ConvActivation.Clip, {second})]\npublic static partial class B;\n";

    [Fact]
    public Task FixAllInDocument_SwapsEveryReversedPair() => CodeFixHarness.VerifyFixAllAsync(Provider,
        new[] { Two("ClipMin = 1, ClipMax = -1", "ClipMin = 9, ClipMax = 3") },
        new[] { Two("ClipMin = -1, ClipMax = 1", "ClipMin = 3, ClipMax = 9") },
        "Swap ClipMin and ClipMax", FixAllScope.Document);
}
