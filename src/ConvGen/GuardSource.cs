namespace ConvGen;

/// <summary>The argument checks every layer shares: emitted once per compilation, internal and [Embedded].</summary>
internal static class GuardSource
{
    public const string Hint = "ConvGen.ConvGenGuard.g.cs";

    public static readonly string Text = AttributeSource.Header + """
namespace ConvGen
{
    /// <summary>Argument checks shared by every ConvGen layer of this assembly. Throws only; never writes.</summary>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    [global::System.CodeDom.Compiler.GeneratedCode("ConvGen", "VERSION")]
    [global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]
    internal static class ConvGenGuard
    {
        /// <summary>Checks a batch source (N ≥ 1 samples of <paramref name="sampleLength"/>) and returns N.</summary>
        public static int Samples<T>(global::System.ReadOnlySpan<T> span, int sampleLength, string paramName)
        {
            if (span.IsEmpty)
                throw new global::System.ArgumentException($"The span is empty: expected length {sampleLength} per sample (N ≥ 1 samples), but got 0.", paramName);
            if (span.Length % sampleLength != 0)
                throw new global::System.ArgumentException($"Expected a length that is a positive multiple of {sampleLength} (one or more samples), but got {span.Length}.", paramName);
            return span.Length / sampleLength;
        }

        /// <summary>Checks a span that has exactly one length (weights, bias, their gradients, the matrix).</summary>
        public static void Exact<T>(global::System.ReadOnlySpan<T> span, int length, string paramName)
        {
            if (span.Length != length)
                throw new global::System.ArgumentException($"Expected length {length}, but got {span.Length}.", paramName);
        }

        /// <summary>Checks that a second batch span holds the same number of samples.</summary>
        public static void SameSamples<T>(global::System.ReadOnlySpan<T> span, int samples, int sampleLength, string paramName,
            string sourceName, string batchParamName)
        {
            if (span.IsEmpty)
                throw new global::System.ArgumentException($"The span is empty: expected length {(long)samples * sampleLength} ({samples} sample(s) of {sampleLength}), but got 0.", paramName);
            if (span.Length % sampleLength != 0)
                throw new global::System.ArgumentException($"Expected a length that is a positive multiple of {sampleLength} (one or more samples), but got {span.Length}.", paramName);
            if (span.Length / sampleLength != samples)
                throw new global::System.ArgumentException($"Batch mismatch: {sourceName} holds {samples} sample(s), so {paramName} must have length {(long)samples * sampleLength}, but got {span.Length} ({span.Length / sampleLength} sample(s)).", batchParamName);
        }

        /// <summary>Rejects a destination that shares memory with a source.</summary>
        public static void NoOverlap<T>(global::System.ReadOnlySpan<T> source, global::System.ReadOnlySpan<T> destination, string sourceName, string destinationName)
        {
            if (global::System.MemoryExtensions.Overlaps(source, destination))
                throw new global::System.ArgumentException($"The destination {destinationName} overlaps the source {sourceName}; they must not share memory.", destinationName);
        }
    }
}

""";
}
