using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ConvGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConvGen.Pipeline;

/// <summary>
/// One declaration of a file by its simple name: a namespace, a type (without its members), a member or an enum
/// member. Its hash covers its tokens (so its active code after preprocessing), its container and whatever it
/// contains except nested declarations and bodies; <see cref="References"/> are the identifiers those tokens use.
/// </summary>
internal sealed class NamedDeclaration : IEquatable<NamedDeclaration>
{
    public NamedDeclaration(string name, Hash128 hash, string[] references, string? containingType = null, bool isNamespace = false)
    {
        Name = name;
        Hash = hash;
        References = references;
        ContainingType = containingType;
        IsNamespace = isNamespace;
    }

    public string Name { get; }

    /// <summary>The simple name of the type it is a member of (null at namespace level).</summary>
    public string? ContainingType { get; }

    /// <summary>A namespace: declaring it in one more file changes nothing a name binds to.</summary>
    public bool IsNamespace { get; }

    public Hash128 Hash { get; }

    public string[] References { get; }

    // The references come from the hashed tokens: equal hashes mean equal references.
    public bool Equals(NamedDeclaration? other) => other is not null && Name == other.Name && Hash.Equals(other.Hash);

    public override bool Equals(object? obj) => Equals(obj as NamedDeclaration);

    public override int GetHashCode() => Hash.GetHashCode();
}

/// <summary>
/// What a file declares, as far as binding elsewhere can tell: its named declarations, and a hash of what affects
/// every file (global usings, extern aliases, assembly and module attributes). Bodies, comments and layout are left
/// out: an edit there leaves it equal. Equal by value, so a file's new version that declares the same leaves
/// every step downstream cached.
/// </summary>
internal sealed class FileIndex : IEquatable<FileIndex>
{
    private FileIndex(Hash128 global, string[] globalReferences, EquatableArray<NamedDeclaration> declarations)
    {
        Global = global;
        GlobalReferences = globalReferences;
        Declarations = declarations;
    }

    public static FileIndex Empty { get; } = new(new Hash128(), Array.Empty<string>(), EquatableArray<NamedDeclaration>.Empty);

    public Hash128 Global { get; }

    /// <summary>The identifiers the global parts use (what a global alias or using names, say): every layer looks
    /// them up.</summary>
    public string[] GlobalReferences { get; }

    public EquatableArray<NamedDeclaration> Declarations { get; }

    public bool Equals(FileIndex? other) => other is not null && Global.Equals(other.Global) && Declarations.Equals(other.Declarations);

    public override bool Equals(object? obj) => Equals(obj as FileIndex);

    public override int GetHashCode() => Global.GetHashCode();

    public static FileIndex Read(CompilationUnitSyntax root, CancellationToken ct)
    {
        var reader = new Reader(ct);
        var global = new Hash128();
        var references = new HashSet<string>(StringComparer.Ordinal);
        foreach (var alias in root.Externs) HashAll(alias, ref global, references);
        foreach (var directive in root.Usings)
            if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                HashAll(directive, ref global, references);
        foreach (var list in root.AttributeLists) HashAll(list, ref global, references);
        reader.Members(root.Members, "", Scope.Of(root.Externs, root.Usings, null));
        var globalReferences = new string[references.Count];
        references.CopyTo(globalReferences);
        return new FileIndex(global, globalReferences, new EquatableArray<NamedDeclaration>(reader.Declarations.ToArray()));
    }

    /// <summary>Binding <c>[X]</c> looks up <c>XAttribute</c> too.</summary>
    private static void AddAttributeName(AttributeSyntax attribute, HashSet<string> references) =>
        references.Add(AttributeNames.RightmostName(attribute.Name) + "Attribute");

    private static void HashAll(SyntaxNode node, ref Hash128 hash, HashSet<string> references)
    {
        foreach (var attribute in node.DescendantNodesAndSelf().OfType<AttributeSyntax>())
            AddAttributeName(attribute, references);
        foreach (var token in node.DescendantTokens())
        {
            hash.Add(token.RawKind);
            hash.Add(token.Text);
            if (AttributeNames.IsLookedUp(token)) references.Add(token.ValueText);
        }
    }

    /// <summary>
    /// The using directives and extern aliases in scope at a declaration (its file's, its namespaces'): what its
    /// own names bind through. Part of every declaration's hash, and their names of its references.
    /// </summary>
    private sealed class Scope
    {
        private Scope(Hash128 hash, string[] references)
        {
            Hash = hash;
            References = references;
        }

        public Hash128 Hash { get; }

        public string[] References { get; }

        public static Scope Of(SyntaxList<ExternAliasDirectiveSyntax> externs, SyntaxList<UsingDirectiveSyntax> usings, Scope? outer)
        {
            var hash = new Hash128();
            var references = new HashSet<string>(StringComparer.Ordinal);
            if (outer is not null)
            {
                hash.Add(outer.Hash);
                references.UnionWith(outer.References);
            }

            foreach (var alias in externs) HashAll(alias, ref hash, references);
            foreach (var directive in usings) HashAll(directive, ref hash, references);
            var all = new string[references.Count];
            references.CopyTo(all);
            return new Scope(hash, all);
        }
    }

    private sealed class Reader
    {
        private readonly CancellationToken _ct;
        private readonly HashSet<string> _references = new(StringComparer.Ordinal);
        private int _visited;

        public Reader(CancellationToken ct) => _ct = ct;

        public List<NamedDeclaration> Declarations { get; } = new();

        public void Members(SyntaxList<MemberDeclarationSyntax> members, string container, Scope scope, string? owner = null)
        {
            foreach (var member in members)
            {
                switch (member)
                {
                    case BaseNamespaceDeclarationSyntax ns:
                        var name = ns.Name.ToString();
                        var full = container.Length == 0 ? name : container + "." + name;
                        foreach (var part in name.Split('.'))
                            Declarations.Add(new NamedDeclaration(part.Trim(), Namespace(full), Array.Empty<string>(), isNamespace: true));
                        Members(ns.Members, full, Scope.Of(ns.Externs, ns.Usings, scope));
                        break;
                    case BaseTypeDeclarationSyntax type:
                        var typeName = type.Identifier.ValueText;
                        Add(typeName, container, type, scope, owner);
                        var inner = container + "." + typeName + (type is TypeDeclarationSyntax { TypeParameterList: { } parameters } ? "`" + parameters.Parameters.Count : "");
                        if (type is TypeDeclarationSyntax withMembers)
                            Members(withMembers.Members, inner, scope, typeName);
                        else if (type is EnumDeclarationSyntax enumeration)
                            foreach (var value in enumeration.Members)
                                Add(value.Identifier.ValueText, inner, value, scope, typeName);
                        break;
                    case BaseFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                            Add(variable.Identifier.ValueText, container, field, scope, owner);
                        break;
                    case DelegateDeclarationSyntax or MethodDeclarationSyntax or PropertyDeclarationSyntax or EventDeclarationSyntax or IndexerDeclarationSyntax:
                        Add(NameOf(member), container, member, scope, owner);
                        break;
                    case GlobalStatementSyntax:
                        Add("Program", "top-level statements", null, scope, owner); // they declare Program (their content is a body)
                        break;
                    default:
                        // Constructors, finalizers, operators, conversions and incomplete members: no attribute
                        // argument can name them; recorded under their kind, so they are never looked up.
                        Add("<" + member.Kind() + ">", container, member, scope, owner);
                        break;
                }
            }
        }

        private static string NameOf(MemberDeclarationSyntax member) => member switch
        {
            DelegateDeclarationSyntax d => d.Identifier.ValueText,
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            PropertyDeclarationSyntax p => p.Identifier.ValueText,
            EventDeclarationSyntax e => e.Identifier.ValueText,
            _ => "this[]", // an indexer
        };

        private static Hash128 Namespace(string full)
        {
            var hash = new Hash128();
            hash.Add("namespace " + full);
            return hash;
        }

        private void Add(string name, string container, SyntaxNode? node, Scope scope, string? type)
        {
            var hash = new Hash128();
            hash.Add(container);
            hash.Add(scope.Hash);
            _references.Clear();
            _references.UnionWith(scope.References);
            if (node is not null) HashOwn(node, ref hash);
            var references = new string[_references.Count];
            _references.CopyTo(references);
            Declarations.Add(new NamedDeclaration(name, hash, references, type));
        }

        /// <summary>The node's tokens, but not those of nested declarations (declarations of their own) or bodies
        /// (only that there is one), collecting the identifiers used.</summary>
        private void HashOwn(SyntaxNode node, ref Hash128 hash)
        {
            var stack = new Stack<ChildSyntaxList.Enumerator>();
            stack.Push(node.ChildNodesAndTokens().GetEnumerator());
            while (stack.Count > 0)
            {
                var children = stack.Pop();
                if (!children.MoveNext()) continue;
                var child = children.Current;
                stack.Push(children);
                if (child.IsToken)
                {
                    var token = child.AsToken();
                    hash.Add(token.RawKind);
                    hash.Add(token.Text);
                    if (AttributeNames.IsLookedUp(token)) _references.Add(token.ValueText);
                }
                else if (child.AsNode() is { } inner)
                {
                    if ((++_visited & 1023) == 0) _ct.ThrowIfCancellationRequested();
                    if (inner is AttributeSyntax attribute) AddAttributeName(attribute, _references);
                    if (inner is MemberDeclarationSyntax or EnumMemberDeclarationSyntax || IsBody(inner))
                        hash.Add(-inner.RawKind);
                    else
                        stack.Push(inner.ChildNodesAndTokens().GetEnumerator());
                }
            }
        }

        /// <summary>Code that no declaration outside it can refer to.</summary>
        private static bool IsBody(SyntaxNode node) => node switch
        {
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax } => true,
            ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax } => true,
            _ => false,
        };
    }
}
