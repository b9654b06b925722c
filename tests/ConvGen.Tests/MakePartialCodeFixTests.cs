using System.Threading.Tasks;
using ConvGen.CodeFixes;
using ConvGen.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace ConvGen.Tests;

/// <summary>CONV001 → "Make 'X' partial": every kind of type, containing types, split declarations, trivia, fix-all.</summary>
public sealed class MakePartialCodeFixTests
{
    private static readonly MakePartialCodeFixProvider Provider = new();

    private static Task Verify(string source, string expected, string title) =>
        CodeFixHarness.VerifyAsync(Provider, source, expected, new[] { title }, title);

    [Fact]
    public Task PlainClass() => Verify(
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)]
        public class Layer
        {
        }
        """,
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)]
        public partial class Layer
        {
        }
        """,
        "Make 'Layer' partial");

    [Fact]
    public Task StaticClass() => Verify(
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)]
        internal static class Layer;
        """,
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)]
        internal static partial class Layer;
        """,
        "Make 'Layer' partial");

    [Fact]
    public Task ReadonlyStruct() => Verify(
        """
        using ConvGen;

        [ConvTranspose2D(1, 4, 4, 1, 3, 3)]
        public readonly struct Layer { }
        """,
        """
        using ConvGen;

        [ConvTranspose2D(1, 4, 4, 1, 3, 3)]
        public readonly partial struct Layer { }
        """,
        "Make 'Layer' partial");

    [Fact]
    public Task Record() => Verify(
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)]
        public sealed record Layer(int Size);
        """,
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)]
        public sealed partial record Layer(int Size);
        """,
        "Make 'Layer' partial");

    [Fact]
    public Task RecordStructWithoutModifiers() => Verify(
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)]
        record struct Layer;
        """,
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)]
        partial record struct Layer;
        """,
        "Make 'Layer' partial");

    [Fact]
    public Task IndentedInABlockNamespace_WithADocComment() => Verify(
        """
        using ConvGen;

        namespace App
        {
            /// <summary>A layer.</summary>
            [Conv2D(1, 4, 4, 1, 3, 3)]
            class Layer { }
        }
        """,
        """
        using ConvGen;

        namespace App
        {
            /// <summary>A layer.</summary>
            [Conv2D(1, 4, 4, 1, 3, 3)]
            partial class Layer { }
        }
        """,
        "Make 'Layer' partial");

    [Fact]
    public Task NestedTwoLevels_EveryContainingTypeToo() => Verify(
        """
        using ConvGen;

        namespace App;

        /// <summary>The network.</summary>
        class Network
        {
            public static class Blocks
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static class Edge;
            }
        }
        """,
        """
        using ConvGen;

        namespace App;

        /// <summary>The network.</summary>
        partial class Network
        {
            public static partial class Blocks
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static partial class Edge;
            }
        }
        """,
        "Make 'Network', 'Network.Blocks' and 'Network.Blocks.Edge' partial");

    [Fact]
    public Task OnlyTheContainingTypes() => Verify(
        """
        using ConvGen;

        public record struct Outer
        {
            internal sealed class Middle
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static partial class Edge;
            }
        }
        """,
        """
        using ConvGen;

        public partial record struct Outer
        {
            internal sealed partial class Middle
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static partial class Edge;
            }
        }
        """,
        "Make 'Outer' and 'Outer.Middle' partial");

    [Fact]
    public Task CommentsAndLineBreaksAmongTheModifiers() => Verify(
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)] // a 3×3 edge filter
        public /* for the demo */ static
            class Edge // no body
        {
        }
        """,
        """
        using ConvGen;

        [Conv2D(1, 4, 4, 1, 3, 3)] // a 3×3 edge filter
        public /* for the demo */ static
            partial class Edge // no body
        {
        }
        """,
        "Make 'Edge' partial");

    [Fact]
    public Task AContainingTypeDeclaredInTwoFiles_BothDeclarations() => CodeFixHarness.VerifyAsync(Provider,
        new[]
        {
            """
            using ConvGen;

            namespace App;

            public class Network
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static class Edge;
            }
            """,
            """
            namespace App;

            public class Network
            {
                public const int Depth = 1;
            }
            """,
        },
        new[]
        {
            """
            using ConvGen;

            namespace App;

            public partial class Network
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static partial class Edge;
            }
            """,
            """
            namespace App;

            public partial class Network
            {
                public const int Depth = 1;
            }
            """,
        },
        new[] { "Make 'Network' and 'Network.Edge' partial" }, "Make 'Network' and 'Network.Edge' partial");

    [Fact]
    public Task ALayerDeclaredInTwoFiles_TheDeclarationWithoutPartialToo() => CodeFixHarness.VerifyAsync(Provider,
        new[]
        {
            """
            using ConvGen;

            namespace App;

            public static partial class Network
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static class Edge;
            }
            """,
            """
            namespace App;

            public static class Network
            {
                public const int Depth = 1;
            }
            """,
        },
        new[]
        {
            """
            using ConvGen;

            namespace App;

            public static partial class Network
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static partial class Edge;
            }
            """,
            """
            namespace App;

            public static partial class Network
            {
                public const int Depth = 1;
            }
            """,
        },
        new[] { "Make 'Network' and 'Network.Edge' partial" }, "Make 'Network' and 'Network.Edge' partial");

    [Fact]
    public Task FixAllInDocument_EachDeclarationOnce() => CodeFixHarness.VerifyFixAllAsync(Provider,
        new[]
        {
            """
            using ConvGen;

            public class Network
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static class A;

                [ConvTranspose2D(1, 4, 4, 1, 3, 3)]
                public static class B;
            }

            [Conv2D(1, 4, 4, 1, 3, 3)]
            public struct C;
            """,
        },
        new[]
        {
            """
            using ConvGen;

            public partial class Network
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static partial class A;

                [ConvTranspose2D(1, 4, 4, 1, 3, 3)]
                public static partial class B;
            }

            [Conv2D(1, 4, 4, 1, 3, 3)]
            public partial struct C;
            """,
        },
        "Make 'Network' and 'Network.A' partial", FixAllScope.Document);

    [Fact]
    public Task FixAllInSolution_EveryFile() => CodeFixHarness.VerifyFixAllAsync(Provider,
        new[]
        {
            """
            using ConvGen;

            [Conv2D(1, 4, 4, 1, 3, 3)]
            public static class A;
            """,
            """
            using ConvGen;

            public class Network
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static class B;
            }
            """,
        },
        new[]
        {
            """
            using ConvGen;

            [Conv2D(1, 4, 4, 1, 3, 3)]
            public static partial class A;
            """,
            """
            using ConvGen;

            public partial class Network
            {
                [Conv2D(1, 4, 4, 1, 3, 3)]
                public static partial class B;
            }
            """,
        },
        "Make 'A' partial", FixAllScope.Solution);
}
