from pressbot.mirror.server import main

main()
