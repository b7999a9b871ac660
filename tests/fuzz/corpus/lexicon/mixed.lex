# comment
Nguyen = win
Zelenskyy = [[z,El@nsk'i:]]
GIF = jif
bad line
 = empty
