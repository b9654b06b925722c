using ConvGen;

namespace ConvGen.PeerBenchmarks;

// The Forward rows of README.md's speed table (the same declarations as benchmarks/ConvGen.Benchmarks/Layers.cs) …
[Conv2D(1, 3, 3, 2, 2, 2)] public static partial class L1Tiny;
[Conv2D(1, 4, 4, 1, 3, 3)] public static partial class L2Seed;
[Conv2D(1, 28, 28, 8, 5, 5)] public static partial class L3Mnist;
[Conv2D(3, 32, 32, 16, 3, 3)] public static partial class L4Cifar;
[Conv2D(16, 32, 32, 32, 3, 3)] public static partial class L5Mid;
[Conv2D(64, 56, 56, 64, 3, 3)] public static partial class L6ResNet;
[Conv2D(64, 28, 28, 128, 1, 1)] public static partial class L7Pointwise;
[Conv2D(3, 224, 224, 64, 7, 7, Stride = 2)] public static partial class L8Stem;
[Conv2D(16, 32, 32, 32, 3, 3, Stride = 2, Padding = 1)] public static partial class Strided;
[Conv2D(64, 56, 56, 64, 3, 3, Groups = 64, Padding = 1)] public static partial class Depthwise;
[ConvTranspose2D(32, 16, 16, 16, 4, 4, Stride = 2, Padding = 1)] public static partial class Upsample;

// … and a fully connected layer (batch 1 and 64) and a max pooling from the layers issue.
[Linear(1024, 256)] public static partial class Fc1024x256;
[MaxPool2D(16, 8, 8, 2, 2)] public static partial class DigitsPool;
