using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using ConvGen.CodeFixes;
using ConvGen.Diagnostics;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace ConvGen.Tests;

/// <summary>Every descriptor links to its README anchor, and the README has it; the code fix providers are exported.</summary>
public sealed class DiagnosticHelpLinkTests
{
    private static IReadOnlyList<DiagnosticDescriptor> AllDescriptors() =>
        typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();

    [Fact]
    public void EveryHelpLink_EndsWithTheAnchorOfItsId_AndTheReadmeHasThatAnchor()
    {
        var descriptors = AllDescriptors();
        Assert.True(descriptors.Count >= 23, $"Only {descriptors.Count} descriptors found");
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "README.md"));
        foreach (var d in descriptors)
        {
            var anchor = d.Id.ToLowerInvariant();
            Assert.Matches("^conv[0-9]{3}$", anchor);
            Assert.EndsWith("#" + anchor, d.HelpLinkUri, StringComparison.Ordinal);
            Assert.Contains($"<a id=\"{anchor}\"></a>", readme, StringComparison.Ordinal);
        }

        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void EveryCodeFixProvider_IsExportedForCSharpAndShared_AndFixesOnlyConvGenIds()
    {
        var ids = AllDescriptors().Select(d => d.Id).ToHashSet();
        var providers = typeof(MakePartialCodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .ToArray();
        Assert.Equal(3, providers.Length); // MakePartial, RemoveArgument, SwapClipBounds
        foreach (var type in providers)
        {
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal(new[] { LanguageNames.CSharp }, export!.Languages);
            Assert.NotNull(type.GetCustomAttribute<System.Composition.SharedAttribute>());
            var provider = (CodeFixProvider)Activator.CreateInstance(type)!;
            Assert.NotEmpty(provider.FixableDiagnosticIds);
            Assert.All(provider.FixableDiagnosticIds, id => Assert.Contains(id, ids));
            Assert.NotNull(provider.GetFixAllProvider());
        }
    }
}
