using ConvGen;

// A layer in the global namespace.
[Conv2D(2, 5, 5, 2, 3, 3, Stride = 2, Padding = 1)]
public static partial class GlobalConvLayer;
