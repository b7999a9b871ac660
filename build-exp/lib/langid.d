build-exp/lib/langid.o: src/langid.c src/langid.h \
 /usr/include/libexttextcat/textcat.h \
 /usr/include/libexttextcat/exttextcat-version.h \
 /usr/include/libexttextcat/common.h \
 /usr/include/libexttextcat/textcat_properties.h src/text.h
src/langid.h:
/usr/include/libexttextcat/textcat.h:
/usr/include/libexttextcat/exttextcat-version.h:
/usr/include/libexttextcat/common.h:
/usr/include/libexttextcat/textcat_properties.h:
src/text.h:
