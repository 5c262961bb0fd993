// The end-to-end tests run several services, an encoder and a browser on a 2-core machine: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
