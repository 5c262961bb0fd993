// The live tests run real services, an encoder and Prometheus on a 2-core machine: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
