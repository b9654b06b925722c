using System;
using System.Collections.Immutable;
using System.Linq;
using ConvGen.Model;
using Microsoft.CodeAnalysis;

namespace ConvGen.Pipeline;

/// <summary>
/// Everything outside an annotated file that its attributes' binding can depend on: the declarations of every file
/// (<see cref="DeclarationFingerprint"/>, in the compilation's order), the references (the same objects) and the
/// options. While it is equal, a type whose own file did not change binds as before, so its result is reused
/// instead of binding every attribute again on each keystroke.
/// </summary>
internal sealed class SemanticKey : IEquatable<SemanticKey>
{
    private readonly EquatableArray<DeclarationFingerprint> _files;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly CompilationOptions _options;
    private readonly string? _assemblyName;

    public SemanticKey(EquatableArray<DeclarationFingerprint> files, Compilation compilation)
    {
        _files = files;
        _references = compilation.References.ToImmutableArray();
        _options = compilation.Options;
        _assemblyName = compilation.AssemblyName;
        Compilation = CurrentCompilation.Of(compilation);
    }

    /// <summary>The compilation this key was made from (weakly): the current one on the run the key changed.</summary>
    public WeakReference<Compilation> Compilation { get; }

    public bool Equals(SemanticKey? other) =>
        other is not null &&
        _assemblyName == other._assemblyName &&
        _files.Equals(other._files) &&
        _references.SequenceEqual(other._references, static (a, b) => ReferenceEquals(a, b)) &&
        _options.Equals(other._options);

    public override bool Equals(object? obj) => Equals(obj as SemanticKey);

    public override int GetHashCode() => _files.GetHashCode();
}
