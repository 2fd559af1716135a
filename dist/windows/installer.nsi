; memsweep's Windows installer, built on Linux by scripts/release.sh with Debian's makensis.
;
; Per-machine: installs into Program Files\memsweep for every user (needs Administrator).
; Silent deployment (Intune, GPO, scripts):
;   memsweep-VERSION-setup.exe /S [/STARTATLOGIN=0|1] [/SERVICE=0|1] [/STARTMENU=0|1] [/D=DIR]
;   "C:\Program Files\memsweep\uninstall.exe" /S [/PURGE]
; /D must come last and unquoted (NSIS' rule). /PURGE also removes the users' settings and
; history, which an uninstall otherwise keeps.
;
; Defined by release.sh: VERSION (0.2.0), VERSION_QUAD (0.2.0.0), FILES (the staged files),
; EXECUTABLES (executables.nsh: the exes this build made), OUTFILE.

!ifndef VERSION | VERSION_QUAD | FILES | EXECUTABLES | OUTFILE
  !error "build with scripts/release.sh (it defines VERSION, VERSION_QUAD, FILES, EXECUTABLES, OUTFILE)"
!endif

Unicode true
; memsweep is x86-64 only, so is its installer: a 64-bit installer writes the 64-bit registry
; and Program Files without WOW64 redirection, and runs under a 64-bit-only Wine.
Target amd64-unicode
RequestExecutionLevel admin
ManifestSupportedOS all
ManifestDPIAware true
SetCompressor /SOLID lzma
; Reproducible builds: no date in the installer's pages.
BrandingText "memsweep ${VERSION}"

!define PRODUCT "memsweep"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\memsweep"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
; The value name the tray itself uses for its Run entry, so both see one setting.
!define RUN_VALUE "memsweep-tray"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\memsweep"
ShowInstDetails show
ShowUninstDetails show

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include Sections.nsh
!include "${EXECUTABLES}"

; Version resource of setup.exe (and uninstall.exe, made from the same stub).
VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"

!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\memsweep-tray.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(FinishRunTray)"
!define MUI_LANGDLL_REGISTRY_ROOT HKLM
!define MUI_LANGDLL_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; One file per language (lang\*.nsh): MUI_LANGUAGE plus every LangString of this script.
!include "${__FILEDIR__}/lang/languages.nsh"
!insertmacro MUI_RESERVEFILE_LANGDLL

VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "memsweep"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "memsweep"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "memsweep ${VERSION} setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "MIT OR Apache-2.0"

!macro INSTALL_EXE NAME
  File "${FILES}\${NAME}"
!macroend
!macro DELETE_EXE NAME
  Delete "$INSTDIR\${NAME}"
!macroend

; The files besides the executables, installed and deleted by the same list.
!macro MEMSWEEP_DOCUMENTS DO
  !insertmacro ${DO} "README.md"
  !insertmacro ${DO} "README.zh-CN.md"
  !insertmacro ${DO} "LICENSE-MIT"
  !insertmacro ${DO} "LICENSE-APACHE"
  !insertmacro ${DO} "THIRD-PARTY-NOTICES.txt"
  !insertmacro ${DO} "memsweep.example.toml"
!macroend

; A running tray (or service) holds its exe open: stop them before files are replaced or removed.
!macro STOP_RUNNING
  ${If} ${FileExists} "$INSTDIR\memsweep.exe"
    nsExec::ExecToLog '"$INSTDIR\memsweep.exe" service stop'
    Pop $0
  ${EndIf}
  nsExec::ExecToLog 'taskkill /F /IM memsweep-tray.exe'
  Pop $0
!macroend

Section "!$(SecCore)" SecCore
  SectionIn RO
  SetOutPath "$INSTDIR"
  !insertmacro STOP_RUNNING
  !insertmacro MEMSWEEP_EXECUTABLES INSTALL_EXE
  !insertmacro MEMSWEEP_DOCUMENTS INSTALL_EXE
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Add/Remove Programs (Apps & features).
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "memsweep"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "memsweep developers"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "$(SecStartMenu)" SecStartMenu
  ; The folder is memsweep's alone: the uninstaller removes it whole, whatever the language
  ; the shortcut names were written in.
  CreateDirectory "$SMPROGRAMS\memsweep"
  CreateShortcut "$SMPROGRAMS\memsweep\memsweep.lnk" "$INSTDIR\memsweep-tray.exe" "" \
    "$INSTDIR\memsweep-tray.exe" 0 SW_SHOWNORMAL "" "$(ShortcutTrayDesc)"
  CreateShortcut "$SMPROGRAMS\memsweep\$(ShortcutSettings).lnk" "$INSTDIR\memsweep-tray.exe" "--settings" \
    "$INSTDIR\memsweep-tray.exe" 0 SW_SHOWNORMAL "" "$(ShortcutSettingsDesc)"
  CreateShortcut "$SMPROGRAMS\memsweep\memsweep top.lnk" "$INSTDIR\memsweep.exe" "top" \
    "$INSTDIR\memsweep.exe" 0 SW_SHOWNORMAL "" "$(ShortcutTopDesc)"
SectionEnd

Section "$(SecStartAtLogin)" SecStartAtLogin
  ; Every user's tray starts at login, unelevated: it shows memory, and cleans through the
  ; service where that is installed.
  WriteRegStr HKLM "${RUN_KEY}" "${RUN_VALUE}" '"$INSTDIR\memsweep-tray.exe"'
SectionEnd

Section /o "$(SecService)" SecService
  ; The Windows service runs `memsweep watch` (the rules, and cleaning for users who are not
  ; Administrators). A failure is reported, not fatal: memsweep works without it.
  nsExec::ExecToLog '"$INSTDIR\memsweep.exe" service install'
  Pop $0
  ${If} $0 != 0
    DetailPrint "$(ServiceFailed) ($0)"
  ${EndIf}
SectionEnd

Section "-size"
  ; Last, so the size counts everything installed.
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecCore} "$(SecCoreDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecStartMenu} "$(SecStartMenuDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecStartAtLogin} "$(SecStartAtLoginDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecService} "$(SecServiceDesc)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; /NAME=1 selects a section, /NAME=0 clears it; without the option the default stays.
!macro OPTION_SECTION PARAMS NAME SECTION
  ClearErrors
  ${GetOptions} "${PARAMS}" "/${NAME}=" $1
  ${IfNot} ${Errors}
    ${If} $1 == 1
      !insertmacro SelectSection ${SECTION}
    ${Else}
      !insertmacro UnselectSection ${SECTION}
    ${EndIf}
  ${EndIf}
!macroend

Function .onInit
  SetShellVarContext all
  ; An earlier installation's folder, unless /D chose another.
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $INSTDIR == "$PROGRAMFILES64\memsweep"
    StrCpy $INSTDIR $0
  ${EndIf}
  ${GetParameters} $0
  !insertmacro OPTION_SECTION $0 STARTATLOGIN ${SecStartAtLogin}
  !insertmacro OPTION_SECTION $0 SERVICE ${SecService}
  !insertmacro OPTION_SECTION $0 STARTMENU ${SecStartMenu}
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

;---------------------------------------------------------------------------------------------
; Uninstaller: removes everything the installer added. The users' settings and history
; (%APPDATA%\memsweep, %LOCALAPPDATA%\memsweep, %ProgramData%\memsweep) stay unless the
; "settings and history" component is chosen, or /PURGE is given.

Section "!un.$(SecCore)" UnSecCore
  SectionIn RO
  SetShellVarContext all
  ; The service first, while memsweep.exe is still there to unregister it; then the logon tasks
  ; memsweep or its tray may have made (`memsweep autostart enable`, the tray's Start at login).
  nsExec::ExecToLog '"$INSTDIR\memsweep.exe" service uninstall'
  Pop $0
  nsExec::ExecToLog '"$INSTDIR\memsweep.exe" autostart disable'
  Pop $0
  nsExec::ExecToLog 'schtasks /Delete /F /TN memsweep-tray'
  Pop $0
  !insertmacro STOP_RUNNING
  DeleteRegValue HKLM "${RUN_KEY}" "${RUN_VALUE}"
  ; The tray's own per-user entry, for the user who uninstalls.
  DeleteRegValue HKCU "${RUN_KEY}" "${RUN_VALUE}"

  !insertmacro MEMSWEEP_EXECUTABLES DELETE_EXE
  !insertmacro MEMSWEEP_DOCUMENTS DELETE_EXE
  Delete "$INSTDIR\uninstall.exe"
  ; Not /r: a file someone put there (a portable memsweep.toml) keeps the folder.
  RMDir "$INSTDIR"
  RMDir /r "$SMPROGRAMS\memsweep"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd

Section /o "un.$(SecPurge)" UnSecPurge
  SetShellVarContext current
  RMDir /r "$APPDATA\memsweep"
  RMDir /r "$LOCALAPPDATA\memsweep"
  SetShellVarContext all
  RMDir /r "$APPDATA\memsweep"
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecCore} "$(UnSecCoreDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecPurge} "$(SecPurgeDesc)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END

Function un.onInit
  SetShellVarContext all
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/PURGE" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${UnSecPurge}
  ${EndIf}
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd
