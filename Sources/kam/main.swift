import KamCLI

ExitStatus.main()
