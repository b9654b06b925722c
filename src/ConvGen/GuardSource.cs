namespace ConvGen;

/// <summary>The argument checks every layer shares: emitted once per compilation, internal and [Embedded].</summary>
internal static class GuardSource
{
    public const string Hint = "ConvGen.ConvGenGuard.g.cs";

    public static readonly string Text = AttributeSource.Header + """
namespace ConvGen
{
    /// <summary>
    /// Argument checks shared by every ConvGen layer of this assembly. Throws only; never writes. The checks are
    /// small enough to inline (a few compares against constants); the messages are built in separate throw helpers.
    /// </summary>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    [global::System.CodeDom.Compiler.GeneratedCode("ConvGen", "VERSION")]
    [global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]
    internal static class ConvGenGuard
    {
        /// <summary>Checks a batch source (N ≥ 1 samples of <paramref name="sampleLength"/>) and returns N.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static int Samples<T>(global::System.ReadOnlySpan<T> span, int sampleLength, string paramName)
        {
            int samples = span.Length / sampleLength;
            if (samples == 0 || samples * sampleLength != span.Length)
                ThrowSamples(span.Length, sampleLength, paramName);
            return samples;
        }

        /// <summary>Checks a span that has exactly one length (weights, bias, their gradients, the matrix).</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static void Exact<T>(global::System.ReadOnlySpan<T> span, int length, string paramName)
        {
            if (span.Length != length)
                ThrowExact(span.Length, length, paramName);
        }

        /// <summary>Checks a scratch span that must hold at least <paramref name="length"/> elements (a network's workspace).</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static void AtLeast<T>(global::System.ReadOnlySpan<T> span, int length, string paramName)
        {
            if (span.Length < length)
                ThrowAtLeast(span.Length, length, paramName);
        }

        /// <summary>Checks that a second batch span holds the same number of samples.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static void SameSamples<T>(global::System.ReadOnlySpan<T> span, int samples, int sampleLength, string paramName,
            string sourceName, string batchParamName)
        {
            if (span.Length != (long)samples * sampleLength)
                ThrowSameSamples(span.Length, samples, sampleLength, paramName, sourceName, batchParamName);
        }

        /// <summary>Rejects a destination that shares memory with a source.</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static void NoOverlap<T>(global::System.ReadOnlySpan<T> source, global::System.ReadOnlySpan<T> destination, string sourceName, string destinationName)
        {
            if (global::System.MemoryExtensions.Overlaps(source, destination))
                ThrowOverlap(sourceName, destinationName);
        }

        /// <summary>Rejects a destination that shares memory with a source unless it is the same span (same start and
        /// length: an in-place update, as Forward's residual may be its output).</summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static void SameOrNoOverlap<T>(global::System.ReadOnlySpan<T> source, global::System.ReadOnlySpan<T> destination, string sourceName, string destinationName)
        {
            if (global::System.MemoryExtensions.Overlaps(source, destination, out int offset) && (offset != 0 || source.Length != destination.Length))
                ThrowPartialOverlap(sourceName, destinationName);
        }

        [global::System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowSamples(int length, int sampleLength, string paramName)
        {
            if (length == 0)
                throw new global::System.ArgumentException($"The span is empty: expected length {sampleLength} per sample (N ≥ 1 samples), but got 0.", paramName);
            throw new global::System.ArgumentException($"Expected a length that is a positive multiple of {sampleLength} (one or more samples), but got {length}.", paramName);
        }

        [global::System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowExact(int length, int expected, string paramName) =>
            throw new global::System.ArgumentException($"Expected length {expected}, but got {length}.", paramName);

        [global::System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowAtLeast(int length, int expected, string paramName) =>
            throw new global::System.ArgumentException($"Expected length {expected} or more, but got {length}.", paramName);

        [global::System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowSameSamples(int length, int samples, int sampleLength, string paramName, string sourceName, string batchParamName)
        {
            if (length == 0)
                throw new global::System.ArgumentException($"The span is empty: expected length {(long)samples * sampleLength} ({samples} sample(s) of {sampleLength}), but got 0.", paramName);
            if (length % sampleLength != 0)
                throw new global::System.ArgumentException($"Expected a length that is a positive multiple of {sampleLength} (one or more samples), but got {length}.", paramName);
            throw new global::System.ArgumentException($"Batch mismatch: {sourceName} holds {samples} sample(s), so {paramName} must have length {(long)samples * sampleLength}, but got {length} ({length / sampleLength} sample(s)).", batchParamName);
        }

        [global::System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowOverlap(string sourceName, string destinationName) =>
            throw new global::System.ArgumentException($"The destination {destinationName} overlaps the source {sourceName}; they must not share memory.", destinationName);

        [global::System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private static void ThrowPartialOverlap(string sourceName, string destinationName) =>
            throw new global::System.ArgumentException($"The destination {destinationName} partly overlaps {sourceName}; {sourceName} must be {destinationName} itself (same start and length) or not share memory with it.", destinationName);
    }
}

""";
}
