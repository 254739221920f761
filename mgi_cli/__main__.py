from mgi_cli.cli import main

main()
