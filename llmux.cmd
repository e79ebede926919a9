@echo off
rem Runs the llmux command line from the jar built by mvnw.cmd package (Windows).
setlocal
set "LLMUX_JAR=%~dp0cli\target\llmux.jar"
if not exist "%LLMUX_JAR%" (
  echo llmux: %LLMUX_JAR% is missing; build it first with: mvnw.cmd -q -DskipTests package 1>&2
  exit /b 2
)
set "LLMUX_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "LLMUX_JAVA=%JAVA_HOME%\bin\java.exe"
"%LLMUX_JAVA%" %LLMUX_JAVA_OPTS% -jar "%LLMUX_JAR%" %*
exit /b %ERRORLEVEL%
