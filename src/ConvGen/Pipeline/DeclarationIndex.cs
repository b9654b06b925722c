using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ConvGen.Model;
using ConvGen.Parsing;
using Microsoft.CodeAnalysis;

namespace ConvGen.Pipeline;

/// <summary>
/// Every file's declarations merged by name (in the compilation's file order), rebuilt only when some file's
/// declarations changed. A layer's binding reads the declarations of the names its attributes and its type use, of
/// the names those declarations use, and so on; <see cref="KeyOf"/> hashes exactly those, so a declaration elsewhere
/// changes a layer's key only if the layer could see it.
/// </summary>
internal sealed class DeclarationIndex
{
    private readonly Dictionary<string, Entry> _byName;
    private readonly Hash128 _global;

    /// <summary>
    /// Members named like one a layer generates, by the simple name of the type that declares them: a layer whose
    /// type (or a base type) declares one is an error or declares it <c>new</c>. Only their existence in those types
    /// matters, so they are hashed per declaring type, not followed.
    /// </summary>
    private readonly Dictionary<string, Entry> _generatedNamesByType;

    private DeclarationIndex(Dictionary<string, Entry> byName, Dictionary<string, Entry> generatedNamesByType, Hash128 global, string[] globalNames)
    {
        _byName = byName;
        _generatedNamesByType = generatedNamesByType;

        // What the global usings and aliases name is looked up from every file: its closure is part of every key.
        global.Add(Closure(globalNames, null));
        _global = global;
    }

    /// <summary>Groups the files' declarations by name; reads none of them (that happens when a key needs one).</summary>
    public static DeclarationIndex Merge(ImmutableArray<FileIndex> files)
    {
        var byName = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var namespaces = new HashSet<(string, Hash128)>();
        var generatedNames = new HashSet<string>(TargetParser.GeneratedMemberNames, StringComparer.Ordinal);
        var generatedNamesByType = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var global = new Hash128();
        var none = new Hash128();
        var globalNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!file.Global.Equals(none)) global.Add(file.Global); // a file without global usings adds nothing
            globalNames.UnionWith(file.GlobalReferences);
            foreach (var declaration in file.Declarations)
            {
                if (declaration.IsNamespace && !namespaces.Add((declaration.Name, declaration.Hash))) continue; // declared in an earlier file
                if (declaration.ContainingType is { } type && generatedNames.Contains(declaration.Name))
                    EntryOf(generatedNamesByType, type).Add(declaration); // and by name below: an attribute may name it too
                EntryOf(byName, declaration.Name).Add(declaration);
            }
        }

        return new DeclarationIndex(byName, generatedNamesByType, global, globalNames.ToArray());
    }

    private static Entry EntryOf(Dictionary<string, Entry> entries, string key)
    {
        if (!entries.TryGetValue(key, out var entry))
            entries.Add(key, entry = new Entry());
        return entry;
    }

    /// <summary>The hash of what a layer that looks up these names can see: the global part (global usings and
    /// aliases, assembly attributes, and every name they reach), the declarations of every name reachable from
    /// <paramref name="names"/>, and the members named like generated ones of every type among them.</summary>
    public Hash128 KeyOf(string[] names)
    {
        var key = new Hash128();
        key.Add(_global);
        key.Add(Closure(names, _generatedNamesByType));
        return key;
    }

    /// <summary>The declarations of every name reachable from <paramref name="names"/> through the names
    /// declarations use (and, given <paramref name="membersByType"/>, the members it holds for each such name).</summary>
    private Hash128 Closure(string[] names, Dictionary<string, Entry>? membersByType)
    {
        var key = new Hash128();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(names);
        while (pending.Count > 0)
        {
            var name = pending.Dequeue();
            if (!seen.Add(name)) continue;
            key.Add(name);
            if (membersByType is not null && membersByType.TryGetValue(name, out var members)) key.Add(members.Hash);
            if (!_byName.TryGetValue(name, out var entry))
            {
                key.Add(0);
                continue;
            }

            key.Add(entry.Hash);
            foreach (var reference in entry.References) pending.Enqueue(reference);
        }

        return key;
    }

    /// <summary>The declarations of one name (in file order), read and combined on first use.</summary>
    private sealed class Entry : LazyHash
    {
        private readonly List<NamedDeclaration> _declarations = new();

        public void Add(NamedDeclaration declaration) => _declarations.Add(declaration);

        protected override void Compute(ref Hash128 hash, HashSet<string> references)
        {
            foreach (var declaration in _declarations)
            {
                hash.Add(declaration.Hash);
                references.UnionWith(declaration.References);
            }
        }
    }
}

/// <summary>What is outside the files: the references (the same objects), the options and the assembly's name.</summary>
internal sealed class CompilationContext : IEquatable<CompilationContext>
{
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly CompilationOptions _options;
    private readonly string? _assemblyName;

    public CompilationContext(Compilation compilation)
    {
        _references = compilation.References.ToImmutableArray();
        _options = compilation.Options;
        _assemblyName = compilation.AssemblyName;
    }

    public bool Equals(CompilationContext? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         _assemblyName == other._assemblyName &&
         _references.SequenceEqual(other._references, static (a, b) => ReferenceEquals(a, b)) &&
         _options.Equals(other._options));

    public override bool Equals(object? obj) => Equals(obj as CompilationContext);

    public override int GetHashCode() => _references.Length;
}

/// <summary>
/// The declaration index, the names that may denote a ConvGen attribute and the compilation context of a run. Equal
/// while all are (the index by identity: it is rebuilt only when a file's declarations changed); the compilation it
/// was made from is held weakly, the current one on a run where it changed.
/// </summary>
internal sealed class SemanticIndex : IEquatable<SemanticIndex>
{
    private readonly EquatableArray<string> _attributeNames;

    public SemanticIndex(DeclarationIndex declarations, EquatableArray<string> attributeNames, Compilation compilation)
    {
        Declarations = declarations;
        _attributeNames = attributeNames;
        Context = new CompilationContext(compilation);
        Compilation = CurrentCompilation.Of(compilation);
    }

    public DeclarationIndex Declarations { get; }

    public CompilationContext Context { get; }

    public WeakReference<Compilation> Compilation { get; }

    // The names that may denote a ConvGen attribute are part of it: when they change, new candidates appear, and
    // they must be bound in the current compilation.
    public bool Equals(SemanticIndex? other) =>
        other is not null && ReferenceEquals(Declarations, other.Declarations) && _attributeNames.Equals(other._attributeNames) &&
        Context.Equals(other.Context);

    public override bool Equals(object? obj) => Equals(obj as SemanticIndex);

    public override int GetHashCode() => Declarations.GetHashCode();
}

/// <summary>
/// A candidate with the key of what its binding can see. Equal while the node is the same, the key is equal and the
/// compilation context is: only then is the type's earlier result reused. Holds no index (an old one would stay
/// alive): the key, the context and the index's compilation, weakly.
/// </summary>
internal sealed class KeyedCandidate : IEquatable<KeyedCandidate>
{
    private readonly CompilationContext _context;

    public KeyedCandidate(Candidate candidate, SemanticIndex index)
    {
        Candidate = candidate;
        _context = index.Context;
        Key = index.Declarations.KeyOf(candidate.Names);
        IndexCompilation = index.Compilation;
    }

    public Candidate Candidate { get; }

    public Hash128 Key { get; }

    /// <summary>The compilation of the index: the current one on a run where the key changed.</summary>
    public WeakReference<Compilation> IndexCompilation { get; }

    public bool Equals(KeyedCandidate? other) =>
        other is not null && Candidate.Equals(other.Candidate) && Key.Equals(other.Key) && _context.Equals(other._context);

    public override bool Equals(object? obj) => Equals(obj as KeyedCandidate);

    public override int GetHashCode() => Candidate.GetHashCode();
}
