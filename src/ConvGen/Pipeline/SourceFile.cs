using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ConvGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Pipeline;

/// <summary>
/// One file of the compilation on a run. Equal while the file's tree is the same
/// object, so everything read from a file is read again only when that file changed. The compilation of the run
/// that read it is held weakly: a step that must bind a changed file binds it in that (the current) compilation,
/// and no pipeline table keeps an old compilation alive.
/// </summary>
internal sealed class SourceFile : IEquatable<SourceFile>
{
    private SourceFile(SyntaxTree tree, WeakReference<Compilation> compilation)
    {
        Tree = tree;
        Compilation = compilation;
    }

    public SyntaxTree Tree { get; }

    public WeakReference<Compilation> Compilation { get; }

    /// <summary>The compilation's C# files, in its order.</summary>
    public static ImmutableArray<SourceFile> All(Compilation compilation)
    {
        var current = CurrentCompilation.Of(compilation);
        var files = ImmutableArray.CreateBuilder<SourceFile>();
        foreach (var tree in compilation.SyntaxTrees)
            files.Add(new SourceFile(tree, current));
        return files.ToImmutable();
    }

    public bool Equals(SourceFile? other) => other is not null && ReferenceEquals(Tree, other.Tree);

    public override bool Equals(object? obj) => Equals(obj as SourceFile);

    public override int GetHashCode() => Tree.GetHashCode();
}

/// <summary>What a file declares that matters to ConvGen, read once per version of the file.</summary>
internal sealed class FileDeclarations : IEquatable<FileDeclarations>
{
    private FileDeclarations(SourceFile file, DeclarationFingerprint fingerprint, EquatableArray<AliasDeclaration> aliases,
        ImmutableArray<AttributedType> types)
    {
        File = file;
        Fingerprint = fingerprint;
        Aliases = aliases;
        Types = types;
    }

    public SourceFile File { get; }

    public DeclarationFingerprint Fingerprint { get; }

    /// <summary>The file's <c>using X = …;</c> directives (global or not).</summary>
    public EquatableArray<AliasDeclaration> Aliases { get; }

    /// <summary>Every class, struct or record in the file that has an attribute, with its attributes' names.</summary>
    public ImmutableArray<AttributedType> Types { get; }

    public static FileDeclarations Read(SourceFile file, CancellationToken ct)
    {
        var aliases = new List<AliasDeclaration>();
        var types = ImmutableArray.CreateBuilder<AttributedType>();
        if (file.Tree.GetRoot(ct) is not CompilationUnitSyntax root)
            return new FileDeclarations(file, default, EquatableArray<AliasDeclaration>.Empty, types.ToImmutable());
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            switch (node)
            {
                case UsingDirectiveSyntax { Alias: { } alias } directive:
                    aliases.Add(new AliasDeclaration(AttributeNames.Normalize(alias.Name.Identifier.ValueText),
                        AttributeNames.Normalize(AttributeNames.RightmostName(directive.NamespaceOrType))));
                    break;
                case ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax when ((TypeDeclarationSyntax)node).AttributeLists.Count > 0:
                    var declaration = (TypeDeclarationSyntax)node;
                    var names = new List<string>();
                    foreach (var list in declaration.AttributeLists)
                        foreach (var attribute in list.Attributes)
                            names.Add(AttributeNames.Normalize(AttributeNames.RightmostName(attribute.Name)));
                    types.Add(new AttributedType(declaration, names.ToArray()));
                    break;
            }
        }

        return new FileDeclarations(file, DeclarationFingerprint.Of(root, ct), new EquatableArray<AliasDeclaration>(aliases.ToArray()),
            types.ToImmutable());
    }

    /// <summary>Equal while the file is: a new version of a file is always read downstream.</summary>
    public bool Equals(FileDeclarations? other) => other is not null && File.Equals(other.File);

    public override bool Equals(object? obj) => Equals(obj as FileDeclarations);

    public override int GetHashCode() => File.GetHashCode();
}

/// <summary><c>using Name = …Target;</c>, both names without an <c>Attribute</c> suffix.</summary>
internal readonly record struct AliasDeclaration(string Name, string Target);

/// <summary>A type declaration with attributes, and those attributes' simple names without an <c>Attribute</c> suffix.</summary>
internal sealed class AttributedType
{
    public AttributedType(TypeDeclarationSyntax node, string[] attributeNames)
    {
        Node = node;
        AttributeNames = attributeNames;
    }

    public TypeDeclarationSyntax Node { get; }

    public string[] AttributeNames { get; }
}

/// <summary>One weak reference per compilation, shared by every file of a run (not one handle per file).</summary>
internal static class CurrentCompilation
{
    private static WeakReference<Compilation>? s_latest;

    public static WeakReference<Compilation> Of(Compilation compilation)
    {
        var latest = s_latest;
        if (latest is not null && latest.TryGetTarget(out var target) && ReferenceEquals(target, compilation))
            return latest;
        latest = new WeakReference<Compilation>(compilation);
        s_latest = latest;
        return latest;
    }
}
