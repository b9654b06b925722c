namespace ConvGen;

/// <summary>
/// The staging memory of the vector kernels (padded input rows, output tiles): emitted once per compilation, internal
/// and [Embedded]. One array per thread and element type, grown to the largest length a kernel on that thread asked
/// for. A stack buffer would be zeroed on every call (the C# compiler marks locals for zeroing unless the assembly
/// allows unsafe code); this memory is not, and every kernel that takes it writes each element before it reads it.
/// </summary>
internal static class ScratchSource
{
    public const string Hint = "ConvGen.ConvGenScratch.g.cs";

    public static readonly string Text = AttributeSource.Header + """
namespace ConvGen
{
    /// <summary>
    /// The calling thread's staging memory for ConvGen's vector kernels: allocated on a thread's first call (pinned, so it
    /// never moves, and starting on a 64-byte boundary), grown when a larger kernel asks, never zeroed. A kernel writes
    /// every element it reads, and calls no other kernel that takes this memory while it holds it.
    /// </summary>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    [global::System.CodeDom.Compiler.GeneratedCode("ConvGen", "VERSION")]
    [global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]
    internal static class ConvGenScratch
    {
        /// <summary>One thread's memory of one element type: the array and the first element on a 64-byte boundary.</summary>
        private sealed class Block<T> where T : unmanaged
        {
            public readonly T[] Array;
            public readonly int Start;

            public Block(int length)
            {
                int extra = 64 / global::System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
                Array = global::System.GC.AllocateUninitializedArray<T>(checked(length + extra), pinned: true);
                nint address = global::System.Runtime.CompilerServices.Unsafe.ByteOffset(
                    ref global::System.Runtime.CompilerServices.Unsafe.NullRef<T>(),
                    ref global::System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(Array));
                Start = (int)((64 - (address & 63)) & 63) / global::System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            }

            public int Length => Array.Length - Start;
        }

        [global::System.ThreadStatic]
        private static Block<float>? t_float;

        [global::System.ThreadStatic]
        private static Block<double>? t_double;

        /// <summary><paramref name="length"/> floats of the calling thread's memory (contents: what the last kernel left).</summary>
        public static global::System.Span<float> Float(int length)
        {
            var b = t_float;
            if (b is null || b.Length < length) t_float = b = new Block<float>(length);
            return new global::System.Span<float>(b.Array, b.Start, length);
        }

        /// <summary><paramref name="length"/> doubles of the calling thread's memory (contents: what the last kernel left).</summary>
        public static global::System.Span<double> Double(int length)
        {
            var b = t_double;
            if (b is null || b.Length < length) t_double = b = new Block<double>(length);
            return new global::System.Span<double>(b.Array, b.Start, length);
        }
    }
}

""";

    /// <summary>The largest staging buffer kept on the stack (bytes): zeroing it costs less than finding the thread's memory.</summary>
    public const int MaxStackBytes = 2048;

    /// <summary>
    /// The expression of a kernel's staging buffer of <paramref name="length"/> elements of <paramref name="T"/> (float or
    /// double): on the stack up to <see cref="MaxStackBytes"/>, else the thread's memory. C16 H32 W32 → D32 3×3 stride 2
    /// padding 1 stages 72 KB: zeroed on the stack once per call and once per unit of a split, its eight units on one
    /// thread took 38.9 µs against Forward's 30.2; from this memory, 25.9 against 24.4.
    /// </summary>
    public static string Buffer(string T, long length) =>
        length * (T == "double" ? 8 : 4) <= MaxStackBytes
            ? $"stackalloc {T}[{length}]"
            : $"global::ConvGen.ConvGenScratch.{(T == "double" ? "Double" : "Float")}({length})";
}
