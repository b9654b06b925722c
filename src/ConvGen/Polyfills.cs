// Language-feature types that netstandard2.0 lacks (what PolySharp would generate).
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit;
}
