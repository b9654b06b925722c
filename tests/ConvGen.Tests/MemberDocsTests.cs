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
            var code = Regex.Match(source, $@"<para>Code: (.*?)</para>\s*/// </remarks>(?:\s*\[[^\n]*\n)*\s*public static void {member}\(").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(code), $"{member} has no Code remarks");
            var documented = Regex.Match(code, @"Vector(\d+(?:/\d+)*) kernels") is { Success: true } v ? v.Groups[1].Value.Split('/') : new string[0];
            Assert.True(emitted.SequenceEqual(documented), $"{attribute} {member}: kernels for [{string.Join(", ", emitted)}], remarks name [{string.Join(", ", documented)}]: {code}");
            if (emitted.Length == 0 && !code.Contains("straight-line"))
                Assert.Contains("no vector kernel: ", code);
        }
    }
}
