using System.Collections.Immutable;
using System.Linq;
using ConvGen.Analyzers;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace ConvGen.Tests;

/// <summary>CONV102: Forward called with a bias on a layer without Bias = true names the property; nothing else is reported.</summary>
public sealed class ForwardWithoutBiasAnalyzerTests
{
    private static ImmutableArray<Diagnostic> Analyze(string source)
    {
        var output = GeneratorDriverHelper.Run(source);
        return output.OutputCompilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ForwardWithoutBiasAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    [Theory]
    [InlineData("[Conv2D(1, 4, 4, 2, 3, 3)]", "float[] x = new float[16], w = new float[18], b = new float[2], y = new float[8];\n        L.Forward(x, w, b, y);", "Conv2D")]
    [InlineData("[Linear(4, 3, Weights = new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })]", "float[] x = new float[4], b = new float[3], y = new float[3];\n        L.Forward(x, b, y);", "Linear")]
    [InlineData("[Conv1D(2, 8, 2, 3, Residual = true, Bias = false)]", "float[] x = new float[16], w = new float[12], b = new float[2], r = new float[12], y = new float[12];\n        L.Forward(x, w, b, r, y);", "Conv1D")]
    public void ForwardWithABias_OnALayerWithout_NamesTheProperty(string attribute, string call, string kind)
    {
        var diagnostics = Analyze($$"""
            using ConvGen;
            {{attribute}}
            public static partial class L;
            public static class Use
            {
                public static void Run()
                {
                    {{call}}
                }
            }
            """);
        var d = Assert.Single(diagnostics);
        Assert.Equal("CONV102", d.Id);
        Assert.Equal($"'L' has no bias, so its Forward takes none: set Bias = true on its [{kind}] attribute to pass one", d.GetMessage());
        Assert.Equal("Forward", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
    }

    [Theory]
    [InlineData("[Conv2D(1, 4, 4, 2, 3, 3)]", "L.Forward(x, w, y);")]                       // a valid call
    [InlineData("[Conv2D(1, 4, 4, 2, 3, 3, Bias = true)]", "L.Forward(x, w, w, w, y);")]    // too many arguments, but the layer has a bias
    [InlineData("[Conv2D(1, 4, 4, 2, 3, 3)]", "L.Forward(x, w, w, w, w, y);")]              // two too many: not a missing bias
    [InlineData("[Conv2D(1, 4, 4, 2, 3, 3)]", "Other.Forward(x, w, w, y);")]                // not a layer
    public void OtherCalls_AreNotReported(string attribute, string call)
    {
        var diagnostics = Analyze($$"""
            using ConvGen;
            {{attribute}}
            public static partial class L;
            public static class Other { public static void Forward(float[] a, float[] b, float[] c) { } }
            public static class Use
            {
                public static void Run()
                {
                    float[] x = new float[16], w = new float[18], y = new float[8];
                    {{call}}
                }
            }
            """);
        Assert.Empty(diagnostics);
    }
}
