/// The package version this `vfio` was built from; CHANGELOG.md's newest entry (a test keeps them equal).
let packageVersion = "0.14.7"
