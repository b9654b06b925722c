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
    private FileDeclarations(SourceFile file, FileIndex index, EquatableArray<AliasDeclaration> aliases,
        ImmutableArray<AttributedType> types)
    {
        File = file;
        Index = index;
        Aliases = aliases;
        Types = types;
    }

    public SourceFile File { get; }

    /// <summary>What the file declares, by name (equal by value across versions that declare the same).</summary>
    public FileIndex Index { get; }

    /// <summary>The file's <c>using X = …;</c> directives (global or not).</summary>
    public EquatableArray<AliasDeclaration> Aliases { get; }

    /// <summary>Every class, struct or record in the file that has an attribute, with its attributes' names.</summary>
    public ImmutableArray<AttributedType> Types { get; }

    public static FileDeclarations Read(SourceFile file, CancellationToken ct)
    {
        var aliases = new List<AliasDeclaration>();
        var types = ImmutableArray.CreateBuilder<AttributedType>();
        if (file.Tree.GetRoot(ct) is not CompilationUnitSyntax root) // never in a C# compilation
            return new FileDeclarations(file, FileIndex.Empty, EquatableArray<AliasDeclaration>.Empty, types.ToImmutable());
        foreach (var node in root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            switch (node)
            {
                case UsingDirectiveSyntax { Alias: { } alias } directive:
                    aliases.Add(new AliasDeclaration(AttributeNames.Normalize(alias.Name.Identifier.ValueText),
                        AttributeNames.Normalize(AttributeNames.RightmostName(directive.NamespaceOrType))));
                    break;
                case ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax when ((TypeDeclarationSyntax)node).AttributeLists.Count > 0:
                    types.Add(AttributedType.Of((TypeDeclarationSyntax)node));
                    break;
            }
        }

        return new FileDeclarations(file, FileIndex.Read(root, ct), new EquatableArray<AliasDeclaration>(aliases.ToArray()),
            types.ToImmutable());
    }

    /// <summary>Equal while the file is: a new version of a file is always read downstream.</summary>
    public bool Equals(FileDeclarations? other) => other is not null && File.Equals(other.File);

    public override bool Equals(object? obj) => Equals(obj as FileDeclarations);

    public override int GetHashCode() => File.GetHashCode();
}

/// <summary><c>using Name = …Target;</c>, both names without an <c>Attribute</c> suffix.</summary>
internal readonly record struct AliasDeclaration(string Name, string Target);

/// <summary>A type declaration with attributes: its attributes' simple names (without an <c>Attribute</c> suffix), and
/// the names its binding looks up (<see cref="DeclarationIndex.KeyOf"/>).</summary>
internal sealed class AttributedType
{
    private AttributedType(TypeDeclarationSyntax node, string[] attributeNames, string[] lookedUp)
    {
        Node = node;
        AttributeNames = attributeNames;
        LookedUp = lookedUp;
    }

    public TypeDeclarationSyntax Node { get; }

    public string[] AttributeNames { get; }

    /// <summary>Every identifier in its attribute lists (and each attribute's name with <c>Attribute</c>
    /// appended, which binding also tries), its own name, its containing types' and namespaces' names, and every
    /// identifier of the using directives in scope in its file.</summary>
    public string[] LookedUp { get; }

    public static AttributedType Of(TypeDeclarationSyntax declaration)
    {
        var names = new List<string>();
        var lookedUp = new HashSet<string>(StringComparer.Ordinal) { declaration.Identifier.ValueText };
        foreach (var list in declaration.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                var name = Pipeline.AttributeNames.RightmostName(attribute.Name);
                names.Add(Pipeline.AttributeNames.Normalize(name));
                lookedUp.Add(name + "Attribute");
            }

            AddIdentifiers(list, lookedUp);
        }

        for (var parent = declaration.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case BaseTypeDeclarationSyntax containing:
                    lookedUp.Add(containing.Identifier.ValueText);
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    AddIdentifiers(ns.Name, lookedUp);
                    foreach (var directive in ns.Usings) AddIdentifiers(directive, lookedUp);
                    foreach (var alias in ns.Externs) AddIdentifiers(alias, lookedUp);
                    break;
                case CompilationUnitSyntax unit:
                    foreach (var directive in unit.Usings) AddIdentifiers(directive, lookedUp);
                    foreach (var alias in unit.Externs) AddIdentifiers(alias, lookedUp);
                    break;
            }
        }

        var all = new string[lookedUp.Count];
        lookedUp.CopyTo(all);
        return new AttributedType(declaration, names.ToArray(), all);
    }

    private static void AddIdentifiers(SyntaxNode node, HashSet<string> names)
    {
        foreach (var token in node.DescendantTokens())
            if (Pipeline.AttributeNames.IsLookedUp(token))
                names.Add(token.ValueText);
    }
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
