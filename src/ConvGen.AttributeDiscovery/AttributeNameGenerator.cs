using ConvGen.Pipeline;
using Microsoft.CodeAnalysis;

namespace ConvGen.AttributeDiscovery;

/// <summary>
/// ConvGen's generator with <see cref="Discovery.AttributeName"/>: the same parser, emitters, outputs and diagnostics,
/// the annotated types found by <c>ForAttributeWithMetadataName</c>. Loaded only where a project sets
/// <c>&lt;ConvGenDiscovery&gt;AttributeName&lt;/ConvGenDiscovery&gt;</c>; ConvGen.dll's generator then adds the attributes' sources
/// and discovers nothing itself.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AttributeNameGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        new ConvGenerator(Discovery.AttributeName, attributes: false).Initialize(context);
}
