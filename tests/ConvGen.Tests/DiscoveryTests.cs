using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using ConvGen.Pipeline;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace ConvGen.Tests;

/// <summary>
/// The MSBuild property ConvGenDiscovery as the compiler passes it (build_property.ConvGenDiscovery): with AttributeName,
/// ConvGen.dll's generator adds the attributes and discovers nothing (ConvGen.AttributeDiscovery.dll's generator does:
/// .ci/package-test builds a consumer both ways and compares every generated file); otherwise it discovers as always.
/// </summary>
public sealed class DiscoveryTests
{
    private const string Layer = "using ConvGen;\n\nnamespace App;\n\n[Conv2D(1, 4, 4, 1, 3, 3)]\npublic static partial class Edge;\n";

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("Indexed", true)]
    [InlineData("AttributeName", false)]
    [InlineData(" attributename ", false)]
    public void TheIndexedDiscoveryStepsAsideOnlyForAttributeName(string? value, bool discovers)
    {
        var own = Run(new ConvGenerator(), value);
        Assert.Equal(discovers, own.Contains("App.Edge.Conv2D.g.cs"));
        Assert.Contains("ConvGen.Conv2DAttribute.g.cs", own);
    }

    /// <summary>Both generators in one driver, as the compiler runs them with the property set: each generator's
    /// post-initialization sources are in the compilation every generator sees.</summary>
    [Fact]
    public void WithAttributeName_TheLayersComeFromTheAttributeNameGenerator_Once()
    {
        var results = Run(new[] { new ConvGenerator(), new ConvGenerator(Discovery.AttributeName, attributes: false) }, "AttributeName");
        Assert.DoesNotContain("App.Edge.Conv2D.g.cs", results[0]);
        Assert.Contains("ConvGen.Conv2DAttribute.g.cs", results[0]);
        Assert.Equal(new[] { "App.Edge.Conv2D.g.cs" }, results[1]);
    }

    private static string[] Run(IIncrementalGenerator generator, string? value) => Run(new[] { generator }, value)[0];

    private static string[][] Run(IIncrementalGenerator[] generators, string? value)
    {
        var options = new Options(value is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [LayerDiscovery.MSBuildProperty] = value });
        GeneratorDriver driver = CSharpGeneratorDriver.Create(generators.Select(g => g.AsSourceGenerator()), parseOptions: GeneratorDriverHelper.ParseOptions, optionsProvider: options);
        driver = driver.RunGenerators(GeneratorDriverHelper.CreateCompilation(Layer));
        return driver.GetRunResult().Results
            .Select(r => r.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal).ToArray())
            .ToArray();
    }

    private sealed class Options : AnalyzerConfigOptionsProvider
    {
        private readonly Values _global;

        public Options(Dictionary<string, string> global) => _global = new Values(global);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Values.Empty;
    }

    private sealed class Values : AnalyzerConfigOptions
    {
        public static readonly Values Empty = new(new Dictionary<string, string>());
        private readonly Dictionary<string, string> _values;

        public Values(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
