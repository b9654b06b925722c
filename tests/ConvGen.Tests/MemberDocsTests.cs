using System.Linq;
using System.Text.RegularExpressions;
using ConvGen.Tests.Infrastructure;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// Each public member's "Code:" remarks describe that member's own kernel: the vector widths it names are exactly
/// the widths whose kernel the generated class contains for that member (none: it says scalar loops, and why),
/// straight-line code is called so only where the kernel has no loop.
/// </summary>
public sealed class MemberDocsTests
{
    public static TheoryData<string> Layers => new()
    {
        "Conv2D(1, 4, 128, 4, 3, 40)",                       // Transpose's scatter taps exceed the IL budget: scalar
        "Conv2D(16, 32, 32, 32, 3, 3, Padding = 1)",
        "ConvTranspose2D(8, 16, 16, 8, 4, 4, Stride = 2, Padding = 1)",
        "Conv2D(4, 8, 8, 4, 3, 3, Padding = 1)",             // rows narrower than most vectors
        "Conv2D(64, 300, 300, 1, 3, 3)",                     // big rows: scratch limits
        "Conv2D(1, 4, 4, 1, 3, 3)",                          // straight-line
        "Conv1D(4, 256, 8, 5, Padding = 2)",
        "Conv3D(2, 4, 10, 12, 4, 3, 3, 3, Padding = 1)",
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void EveryMembersRemarks_NameItsOwnKernelWidths(string attribute)
    {
        var output = GeneratorDriverHelper.Run($"using ConvGen;\n\n[{attribute}]\npublic static partial class L;\n");
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var source = Assert.Single(output.LayerSources).Value;
        foreach (var member in new[] { "Forward", "Transpose", "WeightsGradient" })
        {
            var emitted = Regex.Matches(source, $@"private static void {member}(512|256|128)\(").Select(m => m.Groups[1].Value).Distinct().ToArray();
            var code = Regex.Match(source, $@"/// <remarks>Code: (.*?)</remarks>(?:\s*\[[^\n]*\n)*\s*public static void {member}\(").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(code), $"{member} has no Code remarks");
            var documented = Regex.Match(code, @"Vector(\d+(?:/\d+)*) kernels") is { Success: true } v ? v.Groups[1].Value.Split('/') : new string[0];
            Assert.True(emitted.SequenceEqual(documented), $"{attribute} {member}: kernels for [{string.Join(", ", emitted)}], remarks name [{string.Join(", ", documented)}]: {code}");
            if (emitted.Length == 0 && !code.Contains("straight-line"))
                Assert.Contains("no vector kernel: ", code);
        }
    }

    /// <summary>What is common to the layer is said once, on the type; each member's remarks hold only its own code.</summary>
    [Theory]
    [InlineData("Conv2D(3, 8, 8, 4, 3, 3, Padding = 1, Bias = true)", "[Conv2D] float: input C×H×W = 3×8×8", new[] { "Forward", "Transpose", "WeightsGradient", "BiasGradient", "ToMatrix" })]
    [InlineData("Linear(64, 10)", "[Linear] float: 64 inputs → 10 outputs", new[] { "Forward", "Transpose", "WeightsGradient", "ToMatrix" })]
    [InlineData("MaxPool2D(4, 8, 8, 2, 2)", "[MaxPool2D] float: input C×H×W = 4×8×8", new[] { "Forward", "Backward" })]
    public void TheLayersRemarksAreOnTheType_AndEachMembersRemarksAreItsOwn(string attribute, string header, string[] members)
    {
        var output = GeneratorDriverHelper.Run($"using ConvGen;\n\n[{attribute}]\npublic static partial class L;\n");
        GeneratorDriverHelper.AssertNoGeneratorFailure(output);
        var source = Assert.Single(output.LayerSources).Value;
        Assert.Single(Regex.Matches(source, Regex.Escape("<para>" + header)));
        Assert.Matches(@"/// <para>" + Regex.Escape(header) + @"[^\n]*\n(\s*/// [^\n]*\n)*\s*static partial class L\b", source);
        var codes = new System.Collections.Generic.List<string>();
        foreach (var member in members)
        {
            var code = Regex.Match(source, $@"/// <remarks>Code: ([^\n]*?)\.</remarks>(?:\s*\[[^\n]*\n)*\s*public static void {member}\(");
            Assert.True(code.Success, $"{attribute}: {member} has no one-line Code remarks");
            codes.Add(code.Groups[1].Value);
        }

        Assert.Equal(members.Length, Regex.Matches(source, "<remarks>").Count - 1);
        if (members.Contains("Backward")) Assert.NotEqual(codes[0], codes[1]);
    }
}
